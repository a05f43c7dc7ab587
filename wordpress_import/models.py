"""The WordPress import's records: where each imported object came from, so that importing an export twice, or a
later export of the same blog, creates only what is new (wordpress_import/importer.py); and the admin's uploads."""

import zlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class WordPressOrigin(models.Model):
    class Kind(models.TextChoices):
        POST = "post"
        COMMENT = "comment"
        ATTACHMENT = "attachment"

    blog = models.CharField(max_length=300, help_text="The export's blog address (wp:base_blog_url).")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    wordpress_id = models.BigIntegerField()
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        db_table = "blog_wordpressorigin"  # made by blog's migrations before the import was an app of its own
        verbose_name = "WordPress origin"
        constraints = [
            models.UniqueConstraint(fields=["blog", "kind", "wordpress_id"], name="one_import_per_wordpress_object")
        ]

    def __str__(self):
        return f"{self.kind} {self.wordpress_id} of {self.blog}"


class WordPressImport(models.Model):
    """An export an instructor uploaded in the admin: previewed at once, then imported by a background task, whose
    report is kept here. The file is kept compressed in the database, not in the public media storage: it holds
    commenters' email addresses."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    course = models.ForeignKey("home.HomePage", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("blog.CourseUnitPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file_name = models.CharField(max_length=255)
    export = models.BinaryField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    preview = models.JSONField(default=list)  # the dry run's report lines
    report = models.JSONField(default=list)  # the import's
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "blog_wordpressimport"
        verbose_name = "WordPress import"
        ordering = ["-created_at"]

    def __str__(self):
        return self.file_name

    @classmethod
    def compress(cls, data):
        return zlib.compress(data, 6)

    def export_bytes(self):
        return zlib.decompress(bytes(self.export))
