"""The WordPress import's two models move here from blog (which made their tables in blog.0010): the tables keep
their names (Meta.db_table), only Django's idea of which app owns them changes; their content types (and so their
permissions) follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("wordpressimport", "wordpressorigin")


def move_content_types(apps, schema_editor, old="blog", new="wordpress_import"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="wordpress_import", new="blog")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("blog", "0010_wordpress_import"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0002_course_home_page"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WordPressImport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("file_name", models.CharField(max_length=255)),
                        ("export", models.BinaryField()),
                        ("status", models.CharField(choices=[("previewed", "Previewed"), ("queued", "Waiting to start"), ("running", "Importing"), ("done", "Imported"), ("failed", "Failed")], default="previewed", max_length=20)),
                        ("preview", models.JSONField(default=list)),
                        ("report", models.JSONField(default=list)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("course", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="home.homepage")),
                        ("unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="blog.courseunitpage")),
                        ("uploaded_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "WordPress import",
                        "ordering": ["-created_at"],
                        "db_table": "blog_wordpressimport",
                    },
                ),
                migrations.CreateModel(
                    name="WordPressOrigin",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("blog", models.CharField(help_text="The export's blog address (wp:base_blog_url).", max_length=300)),
                        ("kind", models.CharField(choices=[("post", "Post"), ("comment", "Comment"), ("attachment", "Attachment")], max_length=20)),
                        ("wordpress_id", models.BigIntegerField()),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name": "WordPress origin",
                        "db_table": "blog_wordpressorigin",
                        "constraints": [models.UniqueConstraint(fields=("blog", "kind", "wordpress_id"), name="one_import_per_wordpress_object")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_back),
    ]
