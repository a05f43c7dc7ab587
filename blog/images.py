"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's own, whose file checks also refuse, with a
message, an image that cannot be decoded (a half-downloaded file) instead of failing with a server error, and which
says so when the media storage refuses the file (a full disk, a bucket refusing it) rather than failing with one."""

import logging

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from site_project.media_storage import REFUSED_MESSAGE, STORAGE_ERRORS

logger = logging.getLogger(__name__)


class DecodableImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        """Wagtail reads only the header to recognise an image, then decodes all of it to count its pixels, outside
        its own error handling (wagtail/wagtail#1354): a truncated or corrupt file raises whatever Pillow raises."""
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:  # OSError for a truncated file; SyntaxError, ValueError, zlib.error for others
            raise ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            # Wagtail builds the field itself (wagtail.images.forms.formfield_for_dbfield); this form's copy of it
            # keeps every option and gains the check above.
            self.fields["file"].__class__ = DecodableImageField

    def _post_clean(self):
        """Once everything else is valid, the new file is written to the media storage, before the image's row is:
        a storage that refuses it is an error on the form (every upload view shows the form's errors: the upload
        page, the multiple upload, the chooser, the edit page), and no row names a file that is not there."""
        super()._post_clean()
        if self.errors or "file" not in self.changed_data:
            return
        file = self.instance.file
        try:
            file.save(file.name, file.file, save=False)
        except STORAGE_ERRORS as error:
            logger.warning("Image upload %r: the media storage refused it (%r)", file.name, error)
            self.add_error("file", ValidationError(REFUSED_MESSAGE, code="storage_refused"))
