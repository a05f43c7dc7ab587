"""Wagtail's {% image %} and {% srcset_image %} for the site's templates (`{% load seminar_images %}`, in place of
wagtailimages_tags, whose other tags it keeps): when a rendition cannot be written because the media storage
refuses it (a full disk, a bucket refusing), the page shows the original image, and a warning is logged, instead of
failing with a server error. An original missing from storage is Wagtail's own case (a broken image, no error).
Wagtail's admin templates keep Wagtail's tags: renaming the library in TEMPLATES would trip Django's check for
duplicate library names (templates.W003)."""

from django import template
from wagtail.images.models import ResponsiveImage
from wagtail.images.templatetags import wagtailimages_tags

from site_project.media_storage import STORAGE_ERRORS, original_as_rendition

register = template.Library()
register.tags.update(wagtailimages_tags.register.tags)
register.filters.update(wagtailimages_tags.register.filters)


class ImageNode(wagtailimages_tags.ImageNode):
    def render(self, context):
        try:
            return super().render(context)
        except STORAGE_ERRORS as error:
            return self.render_original(context, original_as_rendition(self.validate_image(context), error))

    def render_original(self, context, rendition):
        if self.output_var_name:
            context[self.output_var_name] = rendition
            return ""
        return rendition.img_tag({key: value.resolve(context) for key, value in self.attrs.items()})


class SrcsetImageNode(ImageNode, wagtailimages_tags.SrcsetImageNode):
    def render_original(self, context, rendition):
        # One candidate: no srcset or sizes, the original at its own width.
        if self.output_var_name:
            context[self.output_var_name] = ResponsiveImage({"original": rendition})
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items() if key != "sizes"}
        return ResponsiveImage({"original": rendition}, attrs).__html__()


def image(parser, token):
    node = wagtailimages_tags.image(parser, token)
    replacement = SrcsetImageNode if isinstance(node, wagtailimages_tags.SrcsetImageNode) else ImageNode
    node.__class__ = replacement
    return node


register.tag("image", image)
register.tag("srcset_image", image)
