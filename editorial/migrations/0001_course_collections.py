"""Each course gets its own image collections (editorial.models.CourseCollection; editorial.roles says who may do
what there), and instructors lose their rights on the whole library, which reached every course's uploads.

The install-wide "Course images" and "Student uploads" collections made by blog/0007: with one course, their images
move into that course's collections and the empty collections go; with none, they go if empty; with several, they
stay as they were, with their rights, since nothing says which course an image belongs to."""

from django.db import migrations, models
import django.db.models.deletion

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
LEGACY = {"images": "Course images", "uploads": "Student uploads"}
RIGHTS = {
    "instructor": (("course", ("add", "change", "choose", "delete")),),
    "ta": (("images", ("choose",)),),
    "student": (("uploads", ("add",)), ("images", ("choose",))),
}


def step(number):
    text = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        text = ALPHABET[digit] + text
    return text.rjust(STEPLEN, "0")


def add_child(Collection, parent, name):
    """treebeard's add_child, which historical models lack: the next path below `parent`."""
    last = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
    child = Collection.objects.create(name=name, path=parent.path + step(number), depth=parent.depth + 1, numchild=0)
    parent.numchild = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
    parent.save(update_fields=["numchild"])
    return child


def course_collections(apps, schema_editor):
    get = apps.get_model
    Collection, CourseCollection = get("wagtailcore", "Collection"), get("editorial", "CourseCollection")
    HomePage, CourseGroup = get("home", "HomePage"), get("courses", "CourseGroup")
    GroupCollectionPermission, Permission = get("wagtailcore", "GroupCollectionPermission"), get("auth", "Permission")
    Image, Document = get("wagtailimages", "Image"), get("wagtaildocs", "Document")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    courses = list(HomePage.objects.order_by("path"))
    legacy = {kind: Collection.objects.filter(depth=2, name=name).first() for kind, name in LEGACY.items()}
    course_group_ids = set(CourseGroup.objects.values_list("group_id", flat=True))
    # No course group keeps a right on the whole library.
    GroupCollectionPermission.objects.filter(group_id__in=course_group_ids, collection=root).delete()
    for course in courses:
        links = {link.kind: Collection.objects.get(pk=link.collection_id) for link in CourseCollection.objects.filter(course_id=course.pk)}
        if "course" not in links:
            name = f"{course.title[:200]} · {course.term}" if course.term else course.title[:255]
            links["course"] = add_child(Collection, root, name)
            CourseCollection.objects.create(course_id=course.pk, kind="course", collection=links["course"])
        for kind, name in LEGACY.items():
            if kind not in links:
                links[kind] = add_child(Collection, links["course"], name)
                CourseCollection.objects.create(course_id=course.pk, kind=kind, collection=links[kind])
        for link in CourseGroup.objects.filter(course_id=course.pk, role__in=RIGHTS):
            for kind, actions in RIGHTS[link.role]:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group_id=link.group_id,
                        collection=links[kind],
                        permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=f"{action}_image"),
                    )
        if len(courses) == 1:
            for kind, old in legacy.items():
                if old is not None:
                    Image.objects.filter(collection=old).update(collection=links[kind])
    if len(courses) <= 1:
        for old in legacy.values():
            if old is not None and not Image.objects.filter(collection=old).exists() and not Document.objects.filter(collection=old).exists() and old.numchild == 0:
                GroupCollectionPermission.objects.filter(collection=old).delete()
                old.delete()
                root.numchild = Collection.objects.filter(depth=2).count()
                root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0003_catalogue_and_terms"),
        ("courses", "0004_rights_by_course"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.CreateModel(
            name="CourseCollection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("course", "The course's collection"), ("images", "Course images"), ("uploads", "Student uploads")],
                        max_length=10,
                    ),
                ),
                (
                    "collection",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, related_name="course_link", to="wagtailcore.collection"
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="collections", to="home.homepage"
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("course", "kind"), name="one_collection_per_course_kind")],
            },
        ),
        migrations.RunPython(course_collections, migrations.RunPython.noop),
    ]
