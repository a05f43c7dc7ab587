"""The content's admin and serving hooks: which course a served page belongs to, and the Course settings pages."""

from draftjs_exporter.dom import DOM
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineEntityElementHandler
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permissions import register_permission_policy

from blog.content_checks import ALT_TEXT_PATTERN
from blog.course_settings_views import CourseSettingsPermissionPolicy, CourseSettingsViewSet
from blog.models import CourseSettings
from blog.models.base import course_for
from blog.notes import ENTITY_TYPE
from blog.templatetags.post_checks import LINK_ADDRESS, LINK_TEXT, QUOTE_SOURCE

register_permission_policy(CourseSettings, CourseSettingsPermissionPolicy(CourseSettings))


@hooks.register("before_serve_page")
def remember_course(page, request, serve_args, serve_kwargs):
    """Whatever the page, its course's rules (names, discussion) apply to the rest of the request, whether the
    course is its own Site or a page under a catalogue."""
    request.seminar_course = course_for(page, request)
    request.__dict__.pop("_course_settings", None)


@hooks.register("register_admin_viewset")
def register_course_settings():
    return CourseSettingsViewSet("course_settings")


def marked(check_id, mark, fail):
    """An axe-core check that finds the server's verdict `mark` on an element (blog/templatetags/post_checks.py),
    with axe's own "matches-definition" function: the checker's rules read what the server decided."""
    return {
        "id": check_id,
        "evaluate": "matches-definition-evaluate",
        "options": {"matcher": {"attributes": {"data-content-check": mark}}},
        "metadata": {"impact": "serious", "messages": {"pass": "Checked by the server", "fail": fail}},
    }


def rule(rule_id, selector, check_id, impact):
    return {
        "id": rule_id,
        "impact": impact,
        "selector": selector,
        "tags": ["best-practice"],
        "none": [check_id],
        "enabled": True,
    }


class PostContentChecker(ContentCheckerItem):
    """Wagtail's content checker (the editor's Checks panel and the preview's userbar), tuned to what
    blog/content_checks.py decides on the server: the page's content only, not the site's menus; alt text that is
    a file's name or only a word for an image. Headings that skip a level, empty headings and links without text
    are Wagtail's own rules. Link text that says nothing, link text that is a web address and a quote without its
    source are judged on the server (words, not markup) and marked on the preview for the checker to show."""

    axe_include = ["main"]
    axe_run_only = [*ContentCheckerItem.axe_run_only, "link-text-quality", "link-text-address", "quote-source"]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        rule("link-text-quality", "a[data-content-check]", "seminar-link-text", "serious"),
        rule("link-text-address", "a[data-content-check]", "seminar-link-address", "minor"),
        rule("quote-source", "figure[data-content-check]", "seminar-quote-source", "minor"),
    ]
    axe_custom_checks = [
        {"id": "check-image-alt-text", "options": {"pattern": ALT_TEXT_PATTERN}},
        {"id": "check-empty-meta-description"},
        marked("seminar-link-text", LINK_TEXT, "The link text does not say where the link goes"),
        marked("seminar-link-address", LINK_ADDRESS, "The link text is a web address"),
        marked("seminar-quote-source", QUOTE_SOURCE, "The quote does not say who said it, nor where"),
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "link-text-quality": {
            "error_name": "Link text says nothing of where it goes",
            "help_text": "Name the page or document it opens: “click here” and “read more” say nothing",
        },
        "link-text-address": {
            "error_name": "Link text is a web address (a warning)",
            "help_text": "Screen readers spell it out: name what it links to instead",
        },
        "quote-source": {
            "error_name": "Quote without its source (a warning)",
            "help_text": "Add who said or wrote it and where, unless the text around it does",
        },
    }


@hooks.register("construct_wagtail_userbar")
def check_content_as_the_server_does(request, items, page):
    items[:] = [
        PostContentChecker(in_editor=item.in_editor) if isinstance(item, ContentCheckerItem) else item for item in items
    ]


class FootnoteElementHandler(InlineEntityElementHandler):
    """`<footnote id="…">` in the database becomes the editor's FOOTNOTE entity."""

    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs):
        return {"footnote": attrs.get("id", "")}


def footnote_entity_decorator(props):
    """The editor's FOOTNOTE entity becomes `<footnote id="…">` in the database."""
    return DOM.create_element("footnote", {"id": props.get("footnote", "")}, props["children"])


@hooks.register("register_rich_text_features")
def register_footnotes(features):
    """The paragraphs' "footnote" feature (blog/notes.py): the Note button, and the `<footnote id>` it stores."""
    features.register_editor_plugin(
        "draftail",
        "footnote",
        draftail_features.EntityFeature(
            {"type": ENTITY_TYPE, "icon": "doc-full", "label": "Note", "description": "Add a footnote"},
            js=["js/footnotes-editor.js"],
            css={"all": ["css/footnotes-editor.css"]},
        ),
    )
    features.register_converter_rule(
        "contentstate",
        "footnote",
        {
            "from_database_format": {"footnote[id]": FootnoteElementHandler(ENTITY_TYPE)},
            "to_database_format": {"entity_decorators": {ENTITY_TYPE: footnote_entity_decorator}},
        },
    )
