"""The editor's banner for a post sent back for changes (templates/wagtailadmin/pages/edit.html puts it first)."""

from django import template
from wagtail.models import WorkflowState

from editorial.review_notes import requested_changes

register = template.Library()


@register.inclusion_tag("review/changes_requested_banner.html")
def changes_requested_banner(page, workflow_state):
    """The reviewer's note on the page being edited, when its workflow (the edit view's `workflow_state`, already
    loaded) needs changes: one query then, none otherwise."""
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return {"note": None}
    return {"note": requested_changes([page.pk]).get(page.pk)}
