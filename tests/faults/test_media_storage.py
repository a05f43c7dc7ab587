"""The media storage failing (issue 21, scenario 5): a disk that fills up halfway through an image, or a bucket that
refuses it. The uploader reads why on the upload page (and from the multiple upload students use), and nothing is
left behind: no image, no file, not half of one. A rendition that cannot be written shows the original image
instead, and the page is served."""

import errno
import io
import logging
import time

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from blog.models import SeminarImage as Image
from blog.models import SeminarRendition as Rendition
from editorial.roles import Kind, course_collection
from site_project.media_storage import AtomicFileSystemStorage
from tests.factories import ImageFactory, StudentPostPageFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.faults]

ADD, ADD_MULTIPLE = reverse("wagtailimages:add"), reverse("wagtailimages:add_multiple")
REFUSED = (
    "The image could not be stored: the media storage refused it. Try again later, or tell your site administrator."
)


class HalfThenDiskFull:
    """An upload's content as the disk sees it when it fills up: the first half is written, then ENOSPC."""

    def __init__(self, content):
        self.content = content

    def chunks(self, chunk_size=None):
        self.content.seek(0)  # the form read the upload to check it
        data = self.content.read()
        assert data, "an upload to write"
        yield data[: len(data) // 2]
        raise OSError(errno.ENOSPC, "No space left on device")


class DiskFillsUp(AtomicFileSystemStorage):
    """The site's storage on a disk with room for half an image."""

    def _save(self, name, content):
        return super()._save(name, HalfThenDiskFull(content))


class BucketRefuses(AtomicFileSystemStorage):
    """What django-storages' S3Storage raises when the bucket refuses a PUT (a policy, a full quota, a bad key)."""

    def _save(self, name, content):
        raise ClientError({"Error": {"Code": "AccessDenied", "Message": "Access Denied"}}, "PutObject")


class RenditionsRefused(AtomicFileSystemStorage):
    """Originals are there; no rendition can be written (their folder full, or read-only)."""

    def _save(self, name, content):
        if name.startswith("images/"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return super()._save(name, content)


def use_storage(settings, storage):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.{storage.__name__}"}}


def png(width=64, height=64):
    picture = io.BytesIO()
    PILImage.effect_noise((width, height), 64).convert("RGB").save(picture, "PNG")  # noise: a file of some size
    return picture.getvalue()


def files_in(media_root):
    """Every file, hidden ones (a temporary upload) included."""
    return sorted(path for path in media_root.rglob("*") if path.is_file()) if media_root.exists() else []


@pytest.fixture(params=[("Instructors", Kind.IMAGES), ("Students", Kind.UPLOADS)], ids=["instructor", "student"])
def uploader(request, client, course):
    group, kind = request.param
    client.force_login(member(group, first_name="Ana", last_name="Uploader"))
    return client, {"title": "Map", "collection": course_collection(course, kind).pk}


@pytest.fixture(params=[DiskFillsUp, BucketRefuses], ids=["disk full halfway", "bucket refuses"])
def failing_storage(request, settings, media_root):
    use_storage(settings, request.param)
    return media_root


def test_the_upload_page_says_the_storage_refused_the_image_and_keeps_nothing(uploader, failing_storage, caplog):
    client, fields = uploader
    with caplog.at_level(logging.WARNING):
        response = client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png())})
    assert response.status_code == 200  # the form again, the reason under the file field
    html = response.content.decode()
    assert "The image could not be created due to errors." in html
    assert REFUSED in html
    assert not Image.objects.exists()
    assert files_in(failing_storage) == []
    assert "the media storage refused it" in caplog.text


def test_the_multiple_upload_says_the_storage_refused_the_image_and_keeps_nothing(uploader, failing_storage):
    client, fields = uploader
    response = client.post(ADD_MULTIPLE, {**fields, "files[]": SimpleUploadedFile("street.png", png())})
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": REFUSED}
    assert not Image.objects.exists()
    assert files_in(failing_storage) == []


def test_replacing_an_image_keeps_the_old_file_when_the_storage_refuses_the_new_one(uploader, settings, media_root):
    client, fields = uploader
    client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png(16, 16))})
    image = Image.objects.get()
    edit = reverse("wagtailimages:edit", args=[image.pk])
    # The edit page's preview was written before the disk filled up: Wagtail's admin templates have no fallback.
    assert client.get(edit).status_code == 200
    use_storage(settings, DiskFillsUp)
    response = client.post(edit, {**fields, "file": SimpleUploadedFile("map.png", png())})
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    image.refresh_from_db()
    assert (image.width, image.height) == (16, 16)
    assert [path.name for path in files_in(media_root / "original_images")] == ["map.png"]
    assert not [path for path in files_in(media_root) if path.name.startswith(".")]


def test_once_the_storage_takes_files_again_the_upload_succeeds(uploader, media_root):
    """The refusals above are the storage failing, not uploads failing for everyone."""
    client, fields = uploader
    assert client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png())}).status_code == 302
    image = Image.objects.get()
    assert [path.name for path in files_in(media_root)] == ["map.png"]
    assert image.file.read() == (media_root / "original_images" / "map.png").read_bytes()
    assert (media_root / "original_images" / "map.png").stat().st_mode & 0o777 == 0o644


def test_a_file_is_stored_whole_or_not_at_all(media_root):
    data = png()
    assert AtomicFileSystemStorage().save("notes/whole.png", ContentFile(data)) == "notes/whole.png"
    with pytest.raises(OSError, match="No space left"):
        DiskFillsUp().save("notes/half.png", ContentFile(data))
    assert files_in(media_root) == [media_root / "notes" / "whole.png"]
    assert (media_root / "notes" / "whole.png").read_bytes() == data


# As a page is served: outside a transaction (Wagtail writes several renditions at once without a savepoint).
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [640, 1600], ids=["image tag", "srcset tag"])
def test_a_rendition_that_cannot_be_written_shows_the_original(
    migrated_database, client, unit, settings, media_root, caplog, width
):
    image = ImageFactory(title="Khrushchev at the Congress", file__width=width, file__height=480)
    post = StudentPostPageFactory(parent=unit, body__0="image_block", body__0__image_block__image__image=image)
    use_storage(settings, RenditionsRefused)
    with caplog.at_level(logging.WARNING):
        response = client.get(post.url)
    assert response.status_code == 200
    figure = response.content.decode().split('<figure class="figure">', 1)[1].split("</figure>", 1)[0]
    assert f'src="/media/{image.file.name}"' in figure
    assert "srcset" not in figure
    assert not Rendition.objects.exists()
    assert "a rendition could not be written" in caplog.text
    assert [path.parent.name for path in files_in(media_root)] == ["original_images"]


def test_the_storage_failing_then_back_for_the_faults_table(client, course, unit, settings, media_root, fault_report):
    """The scenario end to end, as the faults table counts it: uploads from the page and the multiple upload and a
    post page read while the disk is full, then while the bucket refuses, then once the storage is back."""
    client.force_login(member("Students", first_name="Ana", last_name="Uploader"))
    fields = {"title": "Map", "collection": course_collection(course, Kind.UPLOADS).pk}
    image = ImageFactory(title="Khrushchev at the Congress")
    post = StudentPostPageFactory(parent=unit, body__0="image_block", body__0__image_block__image__image=image)
    statuses, acknowledged = [], 0

    def send():
        nonlocal acknowledged
        page = client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png())})
        multiple = client.post(ADD_MULTIPLE, {**fields, "files[]": SimpleUploadedFile("street.png", png())})
        reading = client.get(post.url)
        statuses.extend(response.status_code for response in (page, multiple, reading))
        acknowledged += (page.status_code == 302) + multiple.json()["success"]
        return reading

    for storage in (DiskFillsUp, BucketRefuses):
        use_storage(settings, storage)
        reading = send()
        assert f'src="/media/{image.file.name}"' in reading.content.decode()
    assert acknowledged == 0 and Image.objects.count() == 1  # the post's own image alone
    use_storage(settings, RenditionsRefused)  # originals are taken
    reading = send()
    assert f'src="/media/{image.file.name}"' in reading.content.decode()
    assert acknowledged == 2 and Image.objects.count() == 3
    use_storage(settings, AtomicFileSystemStorage)
    back_at = time.monotonic()
    reading = send()
    recovered_in = time.monotonic() - back_at
    assert acknowledged == 4 and Image.objects.count() == 5
    assert Rendition.objects.filter(image=image).exists() and "/media/images/" in reading.content.decode()
    assert all(status < 500 for status in statuses)

    fault_report(
        "media storage refuses (disk full, bucket, renditions), then back",
        requests=len(statuses),
        errors=sum(status >= 500 for status in statuses),
        acknowledged=acknowledged,
        stored=Image.objects.count() - 1,
        recovered_in=recovered_in,
    )


@pytest.mark.django_db(transaction=True)
def test_the_admin_shows_originals_where_thumbnails_cannot_be_written(
    migrated_database, client, course, unit, settings, media_root, caplog
):
    """The image listing, an image's edit page, the image chooser and a post's editor (its image field's preview)
    ask for thumbnails Wagtail has not written yet: while the storage refuses them, each shows the original."""
    client.force_login(member("Instructors", first_name="Ana", last_name="Instructor"))
    image = ImageFactory(title="Khrushchev at the Congress", collection=course_collection(course, Kind.IMAGES))
    post = StudentPostPageFactory(parent=unit, feed_image=image)
    use_storage(settings, RenditionsRefused)
    pages = [
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[image.pk]),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtailadmin_pages:edit", args=[post.pk]),
    ]
    with caplog.at_level(logging.WARNING):
        responses = {page: client.get(page) for page in pages}
    assert {page: response.status_code for page, response in responses.items()} == dict.fromkeys(pages, 200)
    chooser = responses[reverse("wagtailimages_chooser:choose")].json()["html"]
    for page, response in responses.items():
        html = chooser if "chooser" in page else response.content.decode()
        assert f"/media/{image.file.name}" in html, f"{page} shows the original"
    assert not Rendition.objects.exists()
    assert "a rendition could not be written" in caplog.text

    use_storage(settings, AtomicFileSystemStorage)  # the storage back: the thumbnails are written
    assert client.get(reverse("wagtailimages:index")).status_code == 200
    assert Rendition.objects.filter(image=image).exists()
