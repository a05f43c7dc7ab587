"""A large course, built fast: for the benchmark and for measuring how the site holds up after years of posts.

Units and posts go through Wagtail's page tree (treebeard keeps the paths right); students, tags, comments and likes
are written in bulk. Comments get the thread fields django-comments-xtd would have given them one by one
(`thread_id`, `parent_id`, `level`, `order` in reading order, `nested_count`), so replying to a generated comment
works like replying to a real one. Nothing here sends mail or fills the moderation notifications: generated
comments are written below xtd's signals.
"""

import random
from dataclasses import dataclass, field
from datetime import timedelta
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment
from PIL import Image as PILImage
from PIL import ImageDraw
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backends

from blog.models import AuthorProfile, CourseUnitPage, StudentPostPage, StudentPostTag, public_name
from courses.models import CourseGroup, Enrolment, Role
from courses.roles import STUDENTS
from home.models import HomePage

DISCUSSED_POST_COMMENTS = 50  # the benchmark's "post with 50 comments"
POSTS_PER_STUDENT = 25
IMAGES = 12
REPLY_SHARE = 0.55  # of comments that answer another comment rather than start a thread
HELD_SHARE = 0.03  # of unanswered comments still waiting in the moderation queue
LIKED_SHARE = 0.3  # of public comments liked by one to three students
YEARS = 3  # the span of the course's archive
BATCH = 1000

TOPICS = [
    ("The Revolutions of 1917", "1917"),
    ("War Communism and the Civil War", "1918–1921"),
    ("The New Economic Policy", "1921–1928"),
    ("Lenin's Succession", "1922–1927"),
    ("Collectivization", "1929–1933"),
    ("The First Five-Year Plan", "1928–1932"),
    ("Stalin and Stalinism", "1928–1953"),
    ("The Great Terror", "1936–1938"),
    ("The Great Patriotic War", "1941–1945"),
    ("Late Stalinism", "1945–1953"),
    ("Khrushchev and the Thaw", "1953–1964"),
    ("The Space Race", "1957–1969"),
    ("Brezhnev and Stagnation", "1964–1982"),
    ("Dissent and Samizdat", "1965–1985"),
    ("Afghanistan", "1979–1989"),
    ("Gorbachev and Perestroika", "1985–1991"),
    ("Chernobyl", "1986"),
    ("The End of the Soviet Union", "1989–1991"),
    ("Memory and the Soviet Past", "1991–today"),
    ("Everyday Life in the Soviet Union", "1917–1991"),
]
SENTENCES = [
    "The archive shows how ordinary people read the newspapers of the day.",
    "Historians still argue over how much of this was planned from the center.",
    "The official figures tell one story; the letters sent to Moscow tell another.",
    "Propaganda posters of the period promised abundance that never reached the villages.",
    "Memoirs written decades later remember the same months very differently.",
    "The decree changed little on paper and a great deal in practice.",
    "Local officials had every reason to report success whatever happened.",
    "Workers in the new towns lived in barracks for years.",
    "The censors cut the passage, and readers noticed what was missing.",
    "Foreign visitors saw only what their guides chose to show them.",
    "The harvest failed in the south while grain was still being exported.",
    "Young Party members believed they were building a new world.",
    "Rumours travelled faster than the official newspapers.",
    "Families kept photographs of relatives who had officially never existed.",
    "The trial transcripts were published in full, which was itself a message.",
]
TAGS = [
    "stalin", "khrushchev", "lenin", "gorbachev", "brezhnev", "propaganda", "gulag", "collectivization",
    "industrialization", "censorship", "memory", "thaw", "cold war", "space race", "peasants", "workers",
    "women", "nationalities", "religion", "art", "film", "literature", "newspapers", "letters", "memoirs",
    "archives", "famine", "war", "dissent", "perestroika",
]  # fmt: skip
FIRST_NAMES = ["Ana", "Boris", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Irina", "Jonah", "Katya", "Liam"]
LAST_NAMES = ["Petrova", "Ivanov", "Nguyen", "Smith", "Garcia", "Kowalski", "Okafor", "Haddad", "Larsen", "Mehta"]
COMMENTS = [
    "What sources did you use for the figures in the second paragraph?",
    "This connects well with the reading from last week.",
    "I wonder how far the peasants believed any of it.",
    "Great point about the censorship — the memoirs say the same.",
    "Could you say more about who the audience for this was?",
    "I read the same document differently: it sounds like a warning to me.",
    "Thanks, that is a good question. I think the letters answer it.",
    "The photograph is striking. Do we know who took it?",
]


@dataclass
class Plan:
    """One generated comment before it is written: its place in the thread and who wrote it."""

    post: StudentPostPage
    parent: "Plan | None"
    level: int
    text: str
    author: object = None  # a student, or None for a reader from the public
    name: str = ""
    email: str = ""
    submit_date: object = None
    children: list = field(default_factory=list)
    is_public: bool = True
    id: int | None = None
    order: int = 0
    nested_count: int = 0


@dataclass
class Generated:
    home: HomePage
    units: int = 0
    posts: int = 0
    comments: int = 0
    held: int = 0
    likes: int = 0
    students: int = 0
    discussed_post: StudentPostPage | None = None


def generate_course(hostname, port, units, posts, comments, seed=0, progress=lambda text: None):
    """A new course (HomePage and Site at hostname:port) of `units` units holding `posts` posts and `comments`
    comments in threads three levels deep, with likes, tags and images. All in one transaction."""
    rng = random.Random(seed)
    with transaction.atomic():
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title=f"Soviet History ({hostname})",
                slug=slugify(f"{hostname} {port}"),  # unique, as the Site's address is
                term="Fall 2026",
                instructor_names="Prof. Anne Whitaker",
                intro=paragraphs(rng.sample(SENTENCES, 2)),
            )
        )
        Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=home.title)
        result = Generated(home=home)
        students = make_students(home.slug, max(5, posts // POSTS_PER_STUDENT))
        Enrolment.objects.bulk_create(Enrolment(user=student, course=home, role=Role.STUDENT) for student in students)
        group = CourseGroup.objects.get(course=home, role=Role.STUDENT).group  # bulk: no signal keeps it for us
        group.user_set.through.objects.bulk_create(
            group.user_set.through(user_id=student.pk, group_id=group.pk) for student in students
        )
        result.students = len(students)
        images = make_images(min(IMAGES, max(1, units)), home.collections.get(kind="images").collection)
        unit_pages = [make_unit(home, number, rng) for number in range(units)]
        result.units = len(unit_pages)
        progress(f"{len(students)} students, {len(images)} images, {len(unit_pages)} units")
        post_pages = make_posts(unit_pages, posts, students, images, rng, progress)
        result.posts = len(post_pages)
        tag_posts(post_pages, rng)
        index_posts(post_pages)
        progress(f"{len(post_pages)} posts tagged and indexed for search")
        if post_pages and comments:
            plans = plan_comments(post_pages, comments, students, rng)
            write_comments(plans)
            result.comments = len(plans)
            result.held = sum(not plan.is_public for plan in plans)
            result.likes = like_comments(plans, students, rng)
            result.discussed_post = post_pages[0]
            progress(f"{result.comments} comments ({result.held} held), {result.likes} likes")
    with connection.cursor() as cursor:  # fresh planner statistics: without them PostgreSQL plans for empty tables
        cursor.execute("ANALYZE")
    return result


def paragraphs(texts):
    return [("paragraph_block", RichText(f"<p>{escape(text)}</p>")) for text in texts]


def make_students(prefix, count):
    group = Group.objects.get(name=STUDENTS)
    User = get_user_model()
    unusable = make_password(None)  # they sign in after a password reset, as imported roster students do
    users = User.objects.bulk_create(
        User(
            username=f"{prefix}-student-{number}",
            first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
            last_name=f"{LAST_NAMES[number % len(LAST_NAMES)]}{number // len(FIRST_NAMES) or ''}",
            email=f"student{number}@{prefix}.example.edu",
            password=unusable,
        )
        for number in range(count)
    )
    User.groups.through.objects.bulk_create(User.groups.through(user_id=user.pk, group_id=group.pk) for user in users)
    taken = set(AuthorProfile.objects.values_list("slug", flat=True))
    profiles = []
    for user in users:
        base = slugify(public_name(user)) or "student"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        profiles.append(AuthorProfile(user=user, slug=slug))
    for user, profile in zip(users, AuthorProfile.objects.bulk_create(profiles), strict=True):
        user.author_profile = profile
    return users


def placeholder(number):
    """A flat picture in one of a few archive tones; the generated course ships no real photographs."""
    tones = [(120, 96, 72), (64, 80, 96), (140, 60, 50), (90, 110, 80)]
    picture = PILImage.new("RGB", (1200, 800), tones[number % len(tones)])
    ImageDraw.Draw(picture).rectangle((60, 60, 1140, 740), outline=(240, 232, 220), width=12)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return buffer


def make_images(count, collection):
    return [
        get_image_model().objects.create(
            title=f"Archive photograph {number + 1}",
            collection=collection,
            file=ImageFile(placeholder(number), name=f"generated-{number + 1}.jpg"),
        )
        for number in range(count)
    ]


def make_unit(home, number, rng):
    title, period = TOPICS[number % len(TOPICS)]
    if number >= len(TOPICS):
        title = f"{title} ({number // len(TOPICS) + 1})"
    body = [
        *paragraphs(rng.sample(SENTENCES, 3)),
        (
            "primary_source_block",
            {
                "title": f"Documents on {title}",
                "publication": "Seventeen Moments in Soviet History",
                "date": period,
                "url": "https://sources.example.org/documents",
                "excerpt": rng.choice(SENTENCES),
            },
        ),
    ]
    return home.add_child(
        instance=CourseUnitPage(
            title=title, slug=slugify(title), period=period, summary=rng.choice(SENTENCES), body=body
        )
    )


def post_body(number, images, rng):
    body = paragraphs(rng.sample(SENTENCES, rng.randint(3, 6)))
    if number % 3 == 0:
        body.insert(1, ("heading_block", {"text": "What the sources say", "level": "h2"}))
    if number % 4 == 0:
        body.append(
            ("quote_block", {"text": rng.choice(SENTENCES), "attribution": "A letter to Pravda", "citation": ""})
        )
    if number % 5 == 0:
        image = images[number % len(images)]
        block = {"image": image, "alt_text": image.title, "caption": rng.choice(SENTENCES), "credit": "TASS"}
        body.insert(2, ("image_block", {**block, "source_url": "https://archive.example.org/photo"}))
    return body


def make_posts(units, count, students, images, rng, progress):
    """`count` live posts, spread over the units and the last YEARS years, newest first in the result. Written in
    bulk at the paths treebeard would have given them, then indexed for search and references in one pass."""
    now = timezone.now()
    step = timedelta(days=365 * YEARS) / max(count, 1)
    posts, children = [], {unit.pk: 0 for unit in units}
    for number in range(count):
        unit = units[number % len(units)]
        children[unit.pk] += 1
        published = now - step * (count - number)
        title = f"{unit.title}: reading the sources, {number + 1}"
        author = students[number % len(students)]
        posts.append(
            StudentPostPage(
                title=title,
                draft_title=title,
                slug=f"post-{number + 1}",
                path=Page._get_path(unit.path, unit.depth + 1, children[unit.pk]),
                depth=unit.depth + 1,
                url_path=f"{unit.url_path}post-{number + 1}/",
                locale_id=unit.locale_id,
                author=author,
                owner=author,
                body=post_body(number, images, rng),
                feed_image=images[number % len(images)] if number % 5 == 0 else None,
                first_published_at=published,
                last_published_at=published,
            )
        )
    for start in range(0, count, BATCH):
        bulk_create_inherited(posts[start : start + BATCH])
        progress(f"posts {min(start + BATCH, count)}/{count}")
    for unit in units:
        Page.objects.filter(pk=unit.pk).update(numchild=children[unit.pk])
    return posts[::-1]


def bulk_create_inherited(objects):
    """bulk_create for a model with a concrete parent model (a page type, XtdComment), which Django's own refuses."""
    insert_parent_rows(objects)
    insert_own_rows(objects)


def insert_parent_rows(objects):
    """The parent model's rows through bulk_create; each object gets its new primary key."""
    model = type(objects[0])
    parent = model._meta.pk.related_model
    fields = [field for field in parent._meta.concrete_fields if not field.primary_key]
    rows = parent._base_manager.bulk_create(
        [parent(**{field.attname: getattr(obj, field.attname) for field in fields}) for obj in objects]
    )
    for obj, row in zip(objects, rows, strict=True):
        setattr(obj, parent._meta.pk.attname, row.pk)
        setattr(obj, model._meta.pk.attname, row.pk)
        obj._state.adding = False


def insert_own_rows(objects):
    """The child model's own columns (its parent link included) in one executemany."""
    model = type(objects[0])
    own = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in own)}) "
        f"VALUES ({', '.join(['%s'] * len(own))})"
    )
    values = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for field in own] for obj in objects]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def tag_posts(posts, rng):
    tags = {name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS}
    StudentPostTag.objects.bulk_create(
        StudentPostTag(tag=tags[name], content_object_id=post.pk) for post in posts for name in rng.sample(TAGS, 2)
    )


def index_posts(posts):
    """What saving each post would have done: the search index (tags included) and the reference index, which
    records where images are used (only the posts with an image refer to anything it tracks)."""
    indexed = list(StudentPostPage.objects.filter(pk__in=[post.pk for post in posts]).prefetch_related("tags"))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(StudentPostPage, indexed)
    for post in indexed:
        if post.feed_image_id:
            ReferenceIndex.create_or_update_for_object(post)


def plan_comments(posts, count, students, rng):
    """Who says what where: the newest post gets a discussion of exactly DISCUSSED_POST_COMMENTS, the others share
    the rest unevenly, as real discussions do."""
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    discussed = min(DISCUSSED_POST_COMMENTS, count) if len(posts) > 1 else count
    others = posts[1:] or posts
    weights = [rng.paretovariate(1.5) for _ in others]
    targets = [posts[0]] * discussed + rng.choices(others, weights=weights, k=count - discussed)
    by_post, plans = {}, []
    for post in targets:
        thread = by_post.setdefault(post.pk, [])
        answerable = [plan for plan in thread if plan.level < max_level]
        parent = rng.choice(answerable) if answerable and rng.random() < REPLY_SHARE else None
        author = post.author if parent and rng.random() < 0.2 else rng.choice([None, None, *students[:20]])
        plan = Plan(post=post, parent=parent, level=parent.level + 1 if parent else 0, text=rng.choice(COMMENTS))
        plan.author = author
        if author:
            plan.name, plan.email = public_name(author), author.email
        else:
            reader = rng.randrange(500)
            plan.name = f"{FIRST_NAMES[reader % len(FIRST_NAMES)]} {LAST_NAMES[reader % len(LAST_NAMES)][0]}."
            plan.email = f"reader{reader}@example.org"
        plan.submit_date = post.first_published_at + timedelta(hours=2 * (len(thread) + 1), minutes=rng.randint(0, 90))
        if parent:
            parent.children.append(plan)
        thread.append(plan)
        plans.append(plan)
    for plan in plans:  # the discussed post's comments are all public: the benchmark's page shows all 50
        plan.is_public = plan.post is posts[0] or bool(plan.children) or rng.random() >= HELD_SHARE
    return plans


def number_thread(root):
    """Reading order within a thread (xtd's `order`: each reply right after its parent's earlier replies) and
    how many comments hang below each one (`nested_count`)."""
    order = 0

    def visit(plan):
        nonlocal order
        order += 1
        plan.order = order
        plan.nested_count = sum(visit(child) for child in plan.children)
        return plan.nested_count + 1

    visit(root)


def write_comments(plans):
    """The planned comments as XtdComment rows, with the thread fields xtd would have computed one by one."""
    content_type = ContentType.objects.get_for_model(StudentPostPage)
    comments = [
        XtdComment(
            content_type=content_type,
            object_pk=str(plan.post.pk),
            site_id=settings.SITE_ID,
            user=plan.author,
            user_name=plan.name,
            user_email=plan.email,
            comment=plan.text,
            submit_date=plan.submit_date,
            ip_address="192.0.2.1",
            is_public=plan.is_public,
            level=plan.level,
        )
        for plan in plans
    ]
    for start in range(0, len(comments), BATCH):
        insert_parent_rows(comments[start : start + BATCH])
    for plan, comment in zip(plans, comments, strict=True):
        plan.id = comment.pk
    for root in (plan for plan in plans if plan.parent is None):
        number_thread(root)
    for plan, comment in zip(plans, comments, strict=True):
        comment.thread_id = thread_root(plan).id
        comment.parent_id = (plan.parent or plan).id
        comment.order, comment.nested_count = plan.order, plan.nested_count
    for start in range(0, len(comments), BATCH):
        insert_own_rows(comments[start : start + BATCH])


def thread_root(plan):
    while plan.parent is not None:
        plan = plan.parent
    return plan


def like_comments(plans, students, rng):
    likes = []
    for plan in plans:
        if plan.is_public and rng.random() < LIKED_SHARE:
            likers = [student for student in rng.sample(students, min(3, len(students))) if student != plan.author]
            likes += [
                CommentFlag(comment_id=plan.id, user=liker, flag=LIKEDIT_FLAG, flag_date=plan.submit_date)
                for liker in likers[: rng.randint(1, 3)]
            ]
    CommentFlag.objects.bulk_create(likes, batch_size=2000)
    return len(likes)
