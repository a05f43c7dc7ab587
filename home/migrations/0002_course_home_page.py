"""Replace Wagtail's welcome page with a course home page, so a fresh install serves a course."""

from django.db import migrations


def create_course_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if Page.objects.filter(path="00010001").exists():
        return  # the tree already has content of its own: leave it alone
    home = HomePage.objects.create(
        title="Course home",
        draft_title="Course home",
        slug="home",
        content_type=ContentType.objects.get_or_create(app_label="home", model="homepage")[0],
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page_id": home.pk}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_course_home, migrations.RunPython.noop)]
