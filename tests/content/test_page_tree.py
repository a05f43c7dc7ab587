"""Where each page type may live in the tree, and that editors can create units and posts in the admin."""

from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from blog.models import CourseUnitPage, StudentPostPage
from home.models import CataloguePage, HomePage


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.course = HomePage.objects.get()
        self.editor = get_user_model().objects.create_superuser("editor", "editor@example.edu", "an editor's password")
        self.client.force_login(self.editor)

    def test_course_home_lives_under_the_root_page_or_a_catalogue(self):
        self.assertAllowedParentPageTypes(HomePage, {Page, CataloguePage})
        self.assertAllowedSubpageTypes(HomePage, {CourseUnitPage})

    def test_a_catalogue_holds_courses_only(self):
        self.assertAllowedParentPageTypes(CataloguePage, {Page})
        self.assertAllowedSubpageTypes(CataloguePage, {HomePage})

    def test_units_live_only_under_a_course(self):
        self.assertAllowedParentPageTypes(CourseUnitPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseUnitPage, {StudentPostPage})
        self.assertCanNotCreateAt(CourseUnitPage, CourseUnitPage)

    def test_posts_live_only_under_a_unit_and_have_no_children(self):
        self.assertAllowedParentPageTypes(StudentPostPage, {CourseUnitPage})
        self.assertAllowedSubpageTypes(StudentPostPage, set())
        self.assertCanNotCreateAt(HomePage, StudentPostPage)

    def create_unit(self):
        self.assertCanCreate(
            self.course,
            CourseUnitPage,
            nested_form_data(
                {
                    "title": "Khrushchev and the Thaw",
                    "period": "1953–1964",
                    "summary": "De-Stalinization and its limits.",
                    "body": streamfield(
                        [
                            ("heading_block", {"text": "Prompt", "level": "h2"}),
                            ("paragraph_block", rich_text("<p>Was the Thaw a <b>break</b>?</p>")),
                        ]
                    ),
                    "sources": inline_formset([]),
                    "footnotes": inline_formset([]),
                }
            ),
        )
        return CourseUnitPage.objects.get(slug="khrushchev-and-the-thaw")

    def test_editor_creates_a_published_unit(self):
        unit = self.create_unit()
        self.assertTrue(unit.live)
        self.assertEqual(unit.get_parent().pk, self.course.pk)
        self.assertEqual([block.block_type for block in unit.body], ["heading_block", "paragraph_block"])

    def test_editor_creates_a_published_post_they_author(self):
        unit = self.create_unit()
        self.assertCanCreate(
            unit,
            StudentPostPage,
            nested_form_data(
                {
                    "title": "The Illusion of Khrushchev",
                    "allow_comments": "on",
                    "tags": "thaw, reform",
                    "body": streamfield(
                        [
                            ("paragraph_block", rich_text("<p>The Secret Speech was a calculated risk.</p>")),
                            (
                                "quote_block",
                                {"text": "We must abolish the cult.", "attribution": "Khrushchev"},
                            ),
                            ("bibliography_block", streamfield([("item", "Taubman, Khrushchev (2003)")])),
                        ]
                    ),
                    "sources": inline_formset([]),
                    "footnotes": inline_formset([]),
                }
            ),
        )
        post = StudentPostPage.objects.get(slug="the-illusion-of-khrushchev")
        self.assertTrue(post.live)
        self.assertEqual(post.get_parent().pk, unit.pk)
        self.assertEqual(post.author, self.editor)
        self.assertEqual(sorted(tag.name for tag in post.tags.all()), ["reform", "thaw"])
        self.assertIn("calculated risk", str(post.body[0].value))
        self.assertEqual(list(post.body[2].value), ["Taubman, Khrushchev (2003)"])
