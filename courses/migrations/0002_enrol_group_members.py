"""Upgrading keeps everyone's access: each member of the install-wide Instructors and Students groups is enrolled,
with that role, in every course that exists (a member of both as instructor), with their roster section."""

from django.db import migrations

ROLES = (("Instructors", "instructor"), ("Students", "student"))  # the first listed wins


def enrol_group_members(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    Group = apps.get_model("auth", "Group")
    HomePage = apps.get_model("home", "HomePage")
    AuthorProfile = apps.get_model("blog", "AuthorProfile")
    sections = dict(AuthorProfile.objects.values_list("user_id", "section"))
    roles = {}
    for group_name, role in reversed(ROLES):
        group = Group.objects.filter(name=group_name).first()
        for user_id in group.user_set.values_list("pk", flat=True) if group else ():
            roles[user_id] = role
    for course_id in HomePage.objects.values_list("pk", flat=True):
        Enrolment.objects.bulk_create(
            [
                Enrolment(user_id=user_id, course_id=course_id, role=role, section=sections.get(user_id) or "")
                for user_id, role in roles.items()
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_enrolment"),
        ("blog", "0006_author_section"),
        ("home", "0002_course_home_page"),
    ]

    operations = [migrations.RunPython(enrol_group_members, migrations.RunPython.noop)]
