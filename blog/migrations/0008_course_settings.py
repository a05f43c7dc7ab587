from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_editorial_roles_and_workflow"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameModel(old_name="DiscussionSettings", new_name="CourseSettings"),
        migrations.AlterModelOptions(name="coursesettings", options={"verbose_name": "course settings"}),
        migrations.AddField(
            model_name="coursesettings",
            name="student_names",
            field=models.CharField(
                choices=[("initial", "First name and last initial (Ana P.)"), ("full", "Full name (Ana Petrova)")],
                default="initial",
                help_text="Bylines, author pages, comments and feeds. Author page addresses never show more than "
                "first name and last initial.",
                max_length=10,
                verbose_name="Students' names in public",
            ),
        ),
    ]
