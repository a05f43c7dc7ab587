"""WordPressImport and WordPressOrigin now belong to the wordpress_import app (its 0001 takes them over); their
tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0010_wordpress_import"),
        ("wordpress_import", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="WordPressImport"),
                migrations.DeleteModel(name="WordPressOrigin"),
            ],
            database_operations=[],
        ),
    ]
