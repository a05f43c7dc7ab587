"""Image uploads the admin refuses: too big on disk, too many pixels, cut off (half-downloaded), not an image, the
wrong format for its name, SVG, empty. Each is a message the uploader reads, on the upload page, from the
multiple-upload endpoint and when replacing an image's file, and leaves no image and no file behind."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from blog.models import SeminarImage as Image
from editorial.roles import Kind, course_collection
from tests.factories import member
from tests.site.test_deploy_check import manage

pytestmark = pytest.mark.django_db
ADD, ADD_MULTIPLE = reverse("wagtailimages:add"), reverse("wagtailimages:add_multiple")
NOT_AN_IMAGE = "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
NOT_SUPPORTED = "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP."
TEST_SETTINGS = "site_project.settings.test"


def png(width=4, height=4, mode="RGB"):
    picture = io.BytesIO()
    PILImage.new(mode, (width, height)).save(picture, "PNG")
    return picture.getvalue()


def png_declaring(width, height):
    """A PNG of a few dozen bytes whose header claims width × height pixels and whose pixel data is cut off: a
    decompression bomb's shape, or a half-downloaded file."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OVER_TEN_MB = png() + b"\0" * (10 * 1024 * 1024)  # a valid PNG, padded after its end past the 10 MB limit

REFUSED = {
    "over the size limit": ("map.png", OVER_TEN_MB, "This file is too big (10.0\xa0MB). Maximum filesize 10.0\xa0MB."),
    "over the pixel limit": (
        "poster.png",
        png(8000, 6000, mode="1"),  # 6 KB on disk
        "This file has too many pixels (48000000). Maximum pixels 40000000.",
    ),
    "a decompression bomb": (
        "bomb.png",
        png_declaring(20000, 20000),
        "This file has too many pixels (unknown number). Maximum pixels 40000000.",
    ),
    "a truncated PNG": ("half-downloaded.png", png_declaring(640, 480), NOT_AN_IMAGE),
    "text named .jpg": ("notes.jpg", b"Lecture notes, not a photo.\n", NOT_AN_IMAGE),
    "a PDF named .png": ("scan.png", PDF, NOT_AN_IMAGE),
    "an SVG": ("diagram.svg", SVG, NOT_SUPPORTED),
    "an empty file": ("empty.jpg", b"", "The submitted file is empty."),
}


@pytest.fixture(params=[("Instructors", Kind.IMAGES), ("Students", Kind.UPLOADS)], ids=["instructor", "student"])
def uploader(request, client, course):
    """A logged-in client, and the form fields besides the file: a title and the uploader's own collection."""
    group, kind = request.param
    client.force_login(member(group, first_name="Ana", last_name="Uploader"))
    return client, {"title": "Map", "collection": course_collection(course, kind).pk}


def files_in(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file()) if media_root.exists() else []


@pytest.fixture
def nothing_stored(media_root):
    """Asserts, after the test, that no image and no file were added."""
    images, files = Image.objects.count(), files_in(media_root)
    yield
    assert Image.objects.count() == images
    assert files_in(media_root) == files


def test_the_limits_are_ten_megabytes_and_forty_megapixels(settings):
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


@pytest.mark.parametrize("case", REFUSED)
def test_the_upload_page_says_why_a_file_is_refused(uploader, nothing_stored, case):
    (client, fields), (name, data, message) = uploader, REFUSED[case]
    response = client.post(ADD, {**fields, "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200  # the form again, with the reason under the file field
    html = response.content.decode()
    assert "The image could not be created due to errors." in html
    assert message in html.replace("&nbsp;", "\xa0")


@pytest.mark.parametrize("case", REFUSED)
def test_the_multiple_upload_says_why_a_file_is_refused(uploader, nothing_stored, case):
    (client, fields), (name, data, message) = uploader, REFUSED[case]
    response = client.post(ADD_MULTIPLE, {**fields, "files[]": SimpleUploadedFile(name, data)})
    assert response.status_code == 200
    assert response.json() == {"success": False, "error_message": message}


def test_a_small_image_is_accepted_by_both(uploader, media_root):
    """The refusals above are the limits at work, not uploads failing for everyone."""
    client, fields = uploader
    assert client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png())}).status_code == 302
    response = client.post(ADD_MULTIPLE, {**fields, "files[]": SimpleUploadedFile("street.png", png())})
    assert response.json()["success"] is True
    assert Image.objects.count() == 2
    assert {path.name for path in files_in(media_root / "original_images")} == {"map.png", "street.png"}


def test_the_limits_follow_the_environment():
    names = "s.WAGTAILIMAGES_MAX_UPLOAD_SIZE, s.WAGTAILIMAGES_MAX_IMAGE_PIXELS"
    limits = f"from django.conf import settings as s; print({names})"
    environment = {"IMAGE_MAX_UPLOAD_MB": "2", "IMAGE_MAX_MEGAPIXELS": "12"}
    result = manage("shell", "--no-imports", "-c", limits, DJANGO_SETTINGS_MODULE=TEST_SETTINGS, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(2 * 1024 * 1024), "12000000"]


def test_replacing_an_image_with_a_broken_file_keeps_the_image(uploader, media_root):
    client, fields = uploader
    client.post(ADD, {**fields, "file": SimpleUploadedFile("map.png", png())})
    image = Image.objects.get()
    edit = reverse("wagtailimages:edit", args=[image.pk])
    response = client.post(edit, {**fields, "file": SimpleUploadedFile("map.png", png_declaring(640, 480))})
    assert response.status_code == 200
    assert NOT_AN_IMAGE in response.content.decode()
    image.refresh_from_db()
    assert (image.width, image.height) == (4, 4)
    assert [path.name for path in files_in(media_root / "original_images")] == ["map.png"]
