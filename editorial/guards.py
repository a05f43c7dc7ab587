"""Wagtail admin views that name any page by id, with no hook to filter them, made to respect private posts.

- `/admin/choose-page/chosen-multiple/?id=…` returns the draft title of any page id it is given;
- `/admin/choose-page/external-link/` turns a pasted URL of a live page into a page link that carries the page's
  draft title (the title of an unpublished revision);
- `/admin/reports/page-types-usage/` names the last edited page of each type, whoever's it is;
- the page bulk actions (`/admin/bulk/wagtailcore/page/<action>/?id=…`) list every selected page by title,
  including those the user may not act on.

The three views are served from editorial/urls.py, which site_project/urls.py includes before Wagtail's admin
URLs; the bulk actions are registered again in editorial/wagtail_hooks.py, replacing Wagtail's.
"""

import json

from django.core.exceptions import PermissionDenied
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from editorial.permissions import hide_private_posts, is_editor, is_private


class ChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = hide_private_posts(Page.objects.filter(pk__in=ids), request.user).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible])
        return super().get(request)


class ExternalLinkView(chooser.ExternalLinkView):
    def post(self, request):
        response = super().post(request)
        data = json.loads(response.content)
        internal = data.get("internal") or (data.get("result") if data.get("step") == "external_link_chosen" else None)
        page = Page.objects.filter(pk=internal["id"]).first() if internal and "id" in internal else None
        if is_private(page, request.user):
            return self.render_chosen_response(self.get_result_data())  # the link stays the URL that was pasted
        return response


class PageTypesReportView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LeavesOutPrivatePosts:
    """A page bulk action that never lists (nor acts on) another person's post."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        user = self.request.user
        objects = [page for page in objects if not is_private(page, user)]
        extra["items_with_no_access"] = [page for page in extra["items_with_no_access"] if not is_private(page, user)]
        return objects, extra


PAGE_BULK_ACTIONS = [
    type(action.__name__, (LeavesOutPrivatePosts, action), {})
    for action in (
        bulk_actions.DeleteBulkAction,
        bulk_actions.MoveBulkAction,
        bulk_actions.PublishBulkAction,
        bulk_actions.UnpublishBulkAction,
    )
]
