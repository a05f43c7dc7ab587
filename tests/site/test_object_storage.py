"""Uploaded media in S3-compatible object storage, so that every app server sees the same files: images and their
renditions go to the bucket through Django's storage API and public pages link them there.

The bucket is moto's, which answers boto3 inside this process (it replaces the HTTP layer: nothing leaves the
machine, and the suite's network guard would fail the test if anything tried)."""

import boto3
import pytest
from moto import mock_aws

from tests.factories import ImageFactory, StudentPostPageFactory
from tests.site.test_deploy_check import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db

BUCKET = "seminar-media"
PRINT_STORAGE = "from django.conf import settings; print(settings.STORAGES['default'])"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "querystring_auth": False, "file_overwrite": False},
            },
        }
        yield lambda: {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_image_and_its_renditions_live_in_the_bucket(client, unit, bucket):
    image = ImageFactory(title="Khrushchev at the Congress")
    post = StudentPostPageFactory(parent=unit, body__0="image_block", body__0__image_block__image__image=image)
    page = client.get(post.url)
    assert page.status_code == 200
    keys = bucket()
    assert f"original_images/{image.file.name.split('/')[-1]}" in keys
    renditions = [key for key in keys if key.startswith("images/")]
    assert renditions, f"no rendition in the bucket: {keys}"
    assert f"https://{BUCKET}.s3.amazonaws.com/{renditions[0]}" in page.text  # unsigned: fit for a shared cache


def test_naming_a_bucket_in_the_environment_puts_uploads_there():
    result = manage("shell", "-c", PRINT_STORAGE, **PRODUCTION_ENV, AWS_STORAGE_BUCKET_NAME=BUCKET)
    assert result.returncode == 0, result.stderr
    assert "storages.backends.s3.S3Storage" in result.stdout and f"'bucket_name': '{BUCKET}'" in result.stdout
    assert "'querystring_auth': False" in result.stdout


def test_without_a_bucket_uploads_stay_on_the_local_disk():
    result = manage("shell", "-c", PRINT_STORAGE, **PRODUCTION_ENV, AWS_STORAGE_BUCKET_NAME="")
    assert result.returncode == 0, result.stderr
    assert "FileSystemStorage" in result.stdout
