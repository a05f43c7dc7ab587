"""Wagtail's images (and their renditions) move to the site's image model with their ids, so every page, block and
reference that names an image by id still finds it; their tags, search index entries and reference index rows
follow. Wagtail's own tables keep their rows (untouched, no longer used): a rollback finds them as they were."""

from django.core.management.color import no_style
from django.db import migrations

IMAGE_COLUMNS = (
    "id, collection_id, title, file, description, width, height, created_at, uploaded_by_user_id, focal_point_x, "
    "focal_point_y, focal_point_width, focal_point_height, file_size, file_hash"
)
RENDITION_COLUMNS = "id, filter_spec, file, width, height, focal_point_key, image_id"


def content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    new, _ = ContentType.objects.get_or_create(app_label="blog", model="seminarimage")
    return old, new


def move_references(apps, source, target):
    apps.get_model("taggit", "TaggedItem").objects.filter(content_type=source).update(content_type=target)
    apps.get_model("wagtailsearch", "IndexEntry").objects.filter(content_type=source).update(content_type=target)
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    ReferenceIndex.objects.filter(to_content_type=source).update(to_content_type=target)
    ReferenceIndex.objects.filter(content_type=source).update(content_type=target, base_content_type=target)


def copy_images(apps, schema_editor):
    SeminarImage = apps.get_model("blog", "SeminarImage")
    SeminarRendition = apps.get_model("blog", "SeminarRendition")
    with schema_editor.connection.cursor() as cursor:
        for columns, source, target in (
            (IMAGE_COLUMNS, "wagtailimages_image", SeminarImage._meta.db_table),
            (RENDITION_COLUMNS, "wagtailimages_rendition", SeminarRendition._meta.db_table),
        ):
            cursor.execute(f"INSERT INTO {target} ({columns}) SELECT {columns} FROM {source}")  # noqa: S608
        # New images continue after the highest id moved (PostgreSQL's sequences; SQLite needs nothing).
        for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [SeminarImage, SeminarRendition]):
            cursor.execute(statement)
    old, new = content_types(apps)
    move_references(apps, old, new)


def uncopy_images(apps, schema_editor):
    old, new = content_types(apps)
    move_references(apps, new, old)
    apps.get_model("blog", "SeminarRendition").objects.all().delete()
    apps.get_model("blog", "SeminarImage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0013_seminar_image"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(copy_images, uncopy_images)]
