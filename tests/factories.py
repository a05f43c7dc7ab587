"""Factories for the course tree, its authors and images (wagtail-factories on factory_boy).

Bodies are built with wagtail-factories' StreamFieldFactory, which works with Wagtail 8:
`StudentPostPageFactory(body__0__heading_block__text="Purges", body__1__paragraph_block__value="<p>…</p>")`.
A plain list of (block_type, value) tuples works too: `StudentPostPageFactory(body=[("paragraph_block", …)])`.
"""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail import blocks as wagtail_blocks
from wagtail.models import Collection

from blog import blocks
from blog.models import CourseUnitPage, Footnote, Source, StudentPostPage
from courses.roles import GROUP_ROLES, SITE_ADMINISTRATORS, enrol
from home.models import HomePage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"student{n}")
    first_name = "Ana"
    last_name = factory.Sequence(lambda n: f"Petrova{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@students.example.edu")
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True


def member(group_name, course=None, **fields):
    """A user in one of the course roles' groups ("Students", "Instructors"), enrolled with that role in `course`,
    or in every course there is (as the upgrade enrolled the groups' members); `fields` go to UserFactory."""
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=group_name))
    for each in [course] if course is not None else HomePage.objects.all():
        enrol(user, each, GROUP_ROLES[group_name])
    return user


def member_client(course, role, **fields):
    """A Client logged in as a new member of `course` holding `role` (a courses.models.Role)."""
    user = UserFactory(**fields)
    enrol(user, course, role)
    client = Client()
    client.force_login(user)
    return client


def site_administrator(**fields):
    """A member of the Site administrators group (not a superuser): a department's IT."""
    user = UserFactory(**{"username": "it-desk", **fields})
    user.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    return user


def instructor_user(**fields):
    """The course's instructor as the tests know her unless they say otherwise."""
    fields = {"first_name": "Anne", "last_name": "Whitaker", "email": "anne@faculty.example.edu", **fields}
    return member("Instructors", **fields)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (the stock factory would add a new root collection per image)."""

    title = factory.Sequence(lambda n: f"Archive photograph {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=640, height=480, color="gray", filename="photo.jpg")


# --- StreamField blocks -----------------------------------------------------------------------------


class ParagraphBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = "<p>The Secret Speech shook the Party.</p>"

    class Meta:
        model = blocks.ParagraphBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        # The stock BlockFactory calls block.clean(str), which a RichTextBlock cannot take.
        return block_class().to_python(kwargs["value"])


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = "De-Stalinization"
    level = "h2"

    class Meta:
        model = blocks.HeadingBlock


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(ImageFactory)


class CreditedImageBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = "Khrushchev addressing the Twentieth Party Congress"
    caption = "The Twentieth Party Congress, 1956"
    credit = "TASS"
    source_url = "https://archive.example.org/congress-1956"
    source = ""

    class Meta:
        model = blocks.CreditedImageBlock


class QuoteBlockFactory(wagtail_factories.StructBlockFactory):
    text = "We must abolish the cult of the individual decisively."
    attribution = "N. S. Khrushchev"
    citation = "Speech to the Twentieth Party Congress, 1956"

    class Meta:
        model = blocks.QuoteBlock


class PrimarySourceBlockFactory(wagtail_factories.StructBlockFactory):
    title = "On the Cult of Personality and Its Consequences"
    publication = "Current Digest of the Soviet Press"
    date = "25 February 1956"
    url = "https://sources.example.org/secret-speech"
    excerpt = "It is impermissible and foreign to the spirit of Marxism-Leninism."
    source = ""
    pages = ""

    class Meta:
        model = blocks.PrimarySourceBlock


class BodyStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    paragraph_block = factory.SubFactory(ParagraphBlockFactory)
    heading_block = factory.SubFactory(HeadingBlockFactory)
    image_block = factory.SubFactory(CreditedImageBlockFactory)
    quote_block = factory.SubFactory(QuoteBlockFactory)
    primary_source_block = factory.SubFactory(PrimarySourceBlockFactory)

    class Meta:
        model = blocks.BodyStreamBlock


def embed_value(url, title=""):
    """An embed block's value (EmbedBlock values are built from the URL; no finder is called here)."""
    block = blocks.MediaEmbedBlock()
    return block.to_python({"media": url, "title": title})


def bibliography_value(*citations):
    return wagtail_blocks.list_block.ListValue(blocks.BibliographyBlock(), list(citations))


# --- Pages ------------------------------------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    term = "Spring 2017"
    instructor_names = "Prof. Anne Whitaker"

    class Meta:
        model = HomePage


class CourseUnitPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Unit {n}")
    period = "1953–1964"
    summary = "De-Stalinization, the Secret Speech and the limits of reform."
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)

    class Meta:
        model = CourseUnitPage


class StudentPostPageFactory(wagtail_factories.PageFactory):
    """A post, created as a draft and then published (or left a draft with `publish=False`).

    `tags=["thaw"]` tags it; `published_at=datetime` backdates its first publication.
    """

    title = factory.Sequence(lambda n: f"Student post {n}")
    author = factory.SubFactory(UserFactory)
    body = wagtail_factories.StreamFieldFactory(BodyStreamBlockFactory)
    live = False

    class Meta:
        model = StudentPostPage
        skip_postgeneration_save = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # A post's body is required: given no blocks, it gets one paragraph.
        if not kwargs.get("body"):
            kwargs["body"] = [("paragraph_block", ParagraphBlockFactory())]
        return kwargs

    @factory.post_generation
    def tags(post, create, extracted, **kwargs):
        if create and extracted:
            post.tags.add(*extracted)
            post.save()

    @factory.post_generation
    def publish(post, create, extracted, **kwargs):
        if not create:
            return
        revision = post.save_revision()
        if extracted is None or extracted:
            revision.publish()
        post.refresh_from_db()

    @factory.post_generation
    def published_at(post, create, extracted, **kwargs):
        if create and extracted is not None:
            StudentPostPage.objects.filter(pk=post.pk).update(first_published_at=extracted)
            post.refresh_from_db()


SPUTNIK_NOTES = ("5b1f0c4e-57a1-4c1e-9f0e-000000001957", "5b1f0c4e-57a1-4c1e-9f0e-000000001958")


def every_block_post(**kwargs):
    """A published post whose body holds one block of every kind: paragraph, heading, image, quote, primary
    source, embed and bibliography; its paragraph carries two footnotes, one citing a source, one with a link; the
    image and the primary source cite the post's sources (issue 22), so it ends with Notes and a generated
    Bibliography too."""
    post = StudentPostPageFactory(
        body__0__paragraph_block__value=(
            f'<p>On 4 October 1957 a beeping sphere crossed the American sky<footnote id="{SPUTNIK_NOTES[0]}">[1]'
            f'</footnote>, and Americans feared a missile gap<footnote id="{SPUTNIK_NOTES[1]}">[2]</footnote>.</p>'
        ),
        body__1__heading_block__level="h2",
        body__2="image_block",
        body__2__image_block__source="tass1956",
        body__3="quote_block",
        body__4="primary_source_block",
        body__4__primary_source_block__source="siddiqi2000",
        body__4__primary_source_block__pages="155-56",
        **kwargs,
    )
    post.body.append(("embed_block", embed_value("https://media.example.org/sputnik", title="Newsreel")))
    post.body.append(("bibliography_block", bibliography_value("Siddiqi, Sputnik and the Soviet Space Race (2000)")))
    Source.objects.create(
        page=post,
        key="siddiqi2000",
        kind="book",
        authors="Siddiqi, Asif A.",
        title="Challenge to Apollo: The Soviet Union and the Space Race, 1945–1974",
        publisher="NASA History Division",
        place="Washington, DC",
        date="2000",
    )
    Source.objects.create(
        page=post,
        key="tass1956",
        kind="image",
        authors="TASS",
        title="The Twentieth Party Congress in session",
        date="1956-02-25",
        archive="Russian State Archive of Film and Photo Documents",
    )
    Footnote.objects.create(page=post, sort_order=0, uuid=SPUTNIK_NOTES[0], source="siddiqi2000", pages="168")
    Footnote.objects.create(
        page=post,
        sort_order=1,
        uuid=SPUTNIK_NOTES[1],
        text='<p>On the “missile gap”, see <a href="https://history.example.org/gap"><i>The Missile Gap</i> at the '
        "State Department's historian</a>.</p>",
    )
    post.save_revision().publish()
    return post
