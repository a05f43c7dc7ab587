"""The units' and posts' image fields point at the site's image model (same ids: the images moved in 0014)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0014_images_to_seminar_image"),
    ]

    operations = [
        migrations.AlterField(
            model_name="courseunitpage",
            name="image",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="blog.seminarimage"),
        ),
        migrations.AlterField(
            model_name="studentpostpage",
            name="feed_image",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="blog.seminarimage"),
        ),
    ]
