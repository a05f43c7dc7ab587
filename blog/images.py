"""The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail's own, whose file checks also refuse, with a
message, an image that cannot be decoded (a half-downloaded file) instead of failing with a server error."""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


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
