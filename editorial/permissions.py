"""Page and image permissions for the course roles, on top of Wagtail's.

A *contributor* is a user who holds only `add` on a page (a student: Students have `add` on each course home
page, nothing else). Wagtail already lets them edit their own pages and never publish. Seminar adds:

- they may create student posts and nothing else (no unit under a course), and never move or copy a page, nor
  delete one that has ever been published (`EditorialPermissionTester`, used by HomePage and StudentPostPage);
- other people's posts are private: left out of every admin listing, search and API (`EditorialPagePolicy`) and,
  through hooks, of the page chooser (editorial/wagtail_hooks.py);
- they may choose the images they uploaded themselves (`EditorialImagePolicy`): Wagtail lets an uploader edit
  their own image but offers in the chooser only collections with `choose` permission.

For everyone, only students' posts are submitted for review (`can_submit_for_moderation`): the course page and its
units are published by the course's staff.

Apps above this one may refuse a contributor's deleting a page through the `refuse_contributor_delete` hook (a
function (user, page) → True to refuse): grading's "lock after grading" keeps a graded post, which the page bulk
actions would otherwise let its student delete (they ask only this tester).
"""

from functools import cached_property

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from courses.models import CourseGroup, Enrolment, Role

# Page permissions that make a user more than a contributor where they hold them: they see everyone's posts there.
EDITOR_CODENAMES = ("change_page", "publish_page")
REFUSE_DELETE = "refuse_contributor_delete"


def contributor_page_types():
    """The page types a contributor may create."""
    return (apps.get_model("blog", "StudentPostPage"),)


def ta_group_ids(user):
    """The groups through which the user is a teaching assistant (remembered on the user for the request)."""
    if not hasattr(user, "_seminar_ta_groups"):
        user._seminar_ta_groups = set(
            CourseGroup.objects.filter(role=Role.TA, group__user=user).values_list("group_id", flat=True)
        )
    return user._seminar_ta_groups


class EditorialPermissionTester(PagePermissionTester):
    """Wagtail's tester, narrowed for contributors and teaching assistants. The admin asks it before showing a button
    and before a view acts ("Add child page", "Move", "Copy", "Delete"), so what it refuses is hidden and refused
    alike. A teaching assistant's course rights (change, publish: approving a post publishes it) reach the
    students' posts only, never the course's own pages (its home, its units)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        if (
            not hasattr(self, "permissions")
            or page.content_type_id == ContentType.objects.get_for_model(apps.get_model("blog", "StudentPostPage")).pk
        ):
            return
        ta_groups = ta_group_ids(user)
        if ta_groups:
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(perm.page.path) and perm.group_id not in ta_groups
            }

    @cached_property
    def is_contributor(self):
        """Holds `add` (or nothing) here, but neither `change` nor `publish`: a student."""
        if not self.user.is_active or self.user.is_superuser:
            return False
        return not ({"change", "publish"} & self.permissions)

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        if not self.is_contributor:
            return True
        creatable = self.page.specific_class.creatable_subpage_models()
        return any(model in creatable and model.can_create_at(self.page) for model in contributor_page_types())

    def can_delete(self, ignore_bulk=False):
        if (
            self.is_contributor
            and self.page.get_descendants(inclusive=True).filter(first_published_at__isnull=False).exists()
        ):
            return False  # Wagtail would let an owner delete a page that was published and then unpublished
        if self.is_contributor and any(refuse(self.user, self.page) for refuse in hooks.get_hooks(REFUSE_DELETE)):
            return False
        return super().can_delete(ignore_bulk=ignore_bulk)

    def can_submit_for_moderation(self):
        """Only students' posts go through review; staff publish the course page and its units directly. The
        editor asks this before offering "Submit to …" or "Restart workflow", and before acting on them."""
        post_type = ContentType.objects.get_for_model(apps.get_model("blog", "StudentPostPage"))
        return self.page.content_type_id == post_type.pk and super().can_submit_for_moderation()

    def can_move(self):
        return not self.is_contributor and super().can_move()

    def can_copy(self):
        return not self.is_contributor and super().can_copy()


def is_contributor(user, page):
    return EditorialPermissionTester(user, page).is_contributor


def _editable_paths(user, policy=None):
    permissions = (policy or EditorialPagePolicy()).get_cached_permissions_for_user(user)
    return [perm.page.path for perm in permissions if perm.permission.codename in EDITOR_CODENAMES]


def _reviewed_paths(user, policy=None):
    """Where the user reads every post: pages they may change or publish, and the courses they review as a
    teaching assistant (who edits nothing, but reads and approves the course's submissions)."""
    reviewed = Enrolment.objects.active().filter(user=user, role=Role.TA).values_list("course__path", flat=True)
    return [*_editable_paths(user, policy), *reviewed]


def is_editor(user):
    """May change or publish pages somewhere (an instructor, a superuser): not a contributor anywhere."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(_editable_paths(user))


def private_posts(user, policy=None):
    """A Q matching the student posts `user` may not see in the admin: other people's posts, except below a page
    where the user may change or publish pages (an instructor's course). None when the user may see them all."""
    if user.is_active and user.is_superuser:
        return None
    post_type = ContentType.objects.get_for_model(apps.get_model("blog", "StudentPostPage"))
    hidden = Q(content_type=post_type)
    if not user.is_authenticated:
        return hidden
    hidden &= ~Q(owner=user)
    for path in _reviewed_paths(user, policy):
        hidden &= ~Q(path__startswith=path)
    return hidden


def hide_private_posts(pages, user, policy=None):
    hidden = private_posts(user, policy)
    return pages if hidden is None else pages.exclude(hidden)


def is_private(page, user, policy=None):
    """Whether `page` is another person's post that `user` may not see."""
    if page is None or (user.is_active and user.is_superuser):
        return False
    if page.content_type_id != ContentType.objects.get_for_model(apps.get_model("blog", "StudentPostPage")).pk:
        return False
    if user.is_authenticated and page.owner_id == user.pk:
        return False
    return not (user.is_authenticated and any(page.path.startswith(path) for path in _reviewed_paths(user, policy)))


class EditorialPagePolicy(PagePermissionPolicy):
    """Wagtail's page policy, with other people's posts left out of what a user may explore: the explorer, its
    menu's API, admin page search, page type usage and the site history report all list from here."""

    def explorable_instances(self, user):
        return hide_private_posts(super().explorable_instances(user), user, self)

    def page_permission_tester(self, user, page):
        """What the course's pages ask for in `permissions_for_user` (blog.models.base.PolicyPermissionsMixin)."""
        return EditorialPermissionTester(user, page)


class EditorialImagePolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, plus: an uploader may choose their own images in collections where they may add
    images. Wagtail grants owners `change` on those but `choose` only by collection, so a student could either
    choose nothing of their own or, given `choose` on the collection, every classmate's upload."""

    def _own_uploads(self, user):
        return Q(collection__in=self._collections_with_perm(user, ["add"])) & Q(**{self.owner_field_name: user})

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if "choose" in actions and user.is_authenticated and user.is_active and not user.is_superuser:
            instances = instances | self.model._default_manager.filter(self._own_uploads(user))
        return instances

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        return (
            "choose" in actions
            and user.is_authenticated
            and getattr(instance, f"{self.owner_field_name}_id") == user.pk
            and self._check_perm(user, ["add"], collection=instance.collection)
        )


def register_policies():
    """Called from EditorialConfig.ready(), which runs after wagtail.images' own ready() registers its image policy."""
    register_permission_policy(Page, EditorialPagePolicy())
    image_model = get_image_model()
    register_permission_policy(
        image_model,
        EditorialImagePolicy(image_model, auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"),
    )
