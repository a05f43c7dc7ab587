"""Course settings belong to a course (HomePage), not to a Wagtail Site: a course under a catalogue shares its Site
with every other course there. Each site's settings go to the course at its root, and to every course under a
catalogue on that site; courses without any get theirs, with the defaults, when first asked."""

import django.db.models.deletion
from django.db import migrations, models


def settings_to_courses(apps, schema_editor):
    CourseSettings = apps.get_model("blog", "CourseSettings")
    HomePage = apps.get_model("home", "HomePage")
    fields = ["student_names", "max_links", "blocklist", "close_after_days"]
    for settings in CourseSettings.objects.select_related("site__root_page").filter(course__isnull=True):
        root = settings.site.root_page
        courses = list(HomePage.objects.filter(path__startswith=root.path).order_by("path"))
        if not courses:
            settings.delete()
            continue
        first, *others = courses
        settings.course = first
        settings.save(update_fields=["course"])
        for course in others:
            if not CourseSettings.objects.filter(course=course).exists():
                CourseSettings.objects.create(
                    course=course, site=None, **{name: getattr(settings, name) for name in fields}
                )


def settings_to_sites(apps, schema_editor):
    CourseSettings = apps.get_model("blog", "CourseSettings")
    Site = apps.get_model("wagtailcore", "Site")
    for settings in CourseSettings.objects.all():
        site = Site.objects.filter(root_page_id=settings.course_id).first()
        if site is None or CourseSettings.objects.filter(site=site).exists():
            settings.delete()
        else:
            settings.site = site
            settings.save(update_fields=["site"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_wordpress_models_moved"),
        ("home", "0003_catalogue_and_terms"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="coursesettings",
            name="course",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="course_settings",
                to="home.homepage",
            ),
        ),
        migrations.AlterField(
            model_name="coursesettings",
            name="site",
            field=models.OneToOneField(
                editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site"
            ),
        ),
        migrations.RunPython(settings_to_courses, settings_to_sites),
        migrations.RemoveField(model_name="coursesettings", name="site"),
        migrations.AlterField(
            model_name="coursesettings",
            name="course",
            field=models.OneToOneField(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="course_settings",
                to="home.homepage",
            ),
        ),
        migrations.AlterModelOptions(
            name="coursesettings",
            options={"verbose_name": "course settings", "verbose_name_plural": "course settings"},
        ),
    ]
