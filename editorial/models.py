"""Each course's own image collections: a collection named after the course, with "Course images" (the
instructors' pictures, which the course's students choose from) and "Student uploads" (where students upload;
each sees only their own) below it. editorial.roles.set_up_course makes them and grants the rights."""

from django.db import models


class CourseCollection(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", "The course's collection"
        IMAGES = "images", "Course images"
        UPLOADS = "uploads", "Student uploads"

    course = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="collections")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    collection = models.OneToOneField("wagtailcore.Collection", on_delete=models.CASCADE, related_name="course_link")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["course", "kind"], name="one_collection_per_course_kind")]

    def __str__(self):
        return f"{self.course} · {self.get_kind_display()}"
