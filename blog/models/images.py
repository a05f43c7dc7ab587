"""The site's image model (WAGTAILIMAGES_IMAGE_MODEL), Wagtail's own fields and behaviour but for one thing: a
rendition that cannot be written because the media storage refuses it (a full disk, a bucket refusing) is the
original image instead, and a warning is logged, wherever a rendition is asked for (the site's templates, the admin's
listings, choosers and previews, feeds): the picture shows, larger than needed, rather than a server error. Nothing is
stored for it, so the rendition is made once the storage takes files again. An original missing from storage stays
Wagtail's own case (a broken image, no error)."""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image, SourceImageIOError

from site_project.media_storage import STORAGE_ERRORS, original_as_rendition


class SeminarImage(AbstractImage):
    admin_form_fields = Image.admin_form_fields

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        verbose_name_plural = "images"

    def get_rendition(self, filter):
        try:
            return super().get_rendition(filter)
        except SourceImageIOError:
            raise
        except STORAGE_ERRORS as error:
            return original_as_rendition(self, error)

    def get_renditions(self, *filters):
        try:
            return super().get_renditions(*filters)
        except SourceImageIOError:
            raise
        except STORAGE_ERRORS as error:
            return OriginalForEverySpec(original_as_rendition(self, error))


class OriginalForEverySpec(dict):
    """`get_renditions` while the storage refuses renditions: one entry, the original, which every spec asked for
    finds too. A srcset of one candidate is no srcset: the `{% srcset_image %}` tag shows a plain `<img>`."""

    def __init__(self, original):
        super().__init__(original=original)
        self.original = original

    def __missing__(self, spec):
        return self.original


class SeminarRendition(AbstractRendition):
    image = models.ForeignKey(SeminarImage, related_name="renditions", on_delete=models.CASCADE)

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
