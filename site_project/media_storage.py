"""Uploads when the media storage fails (issue 21, scenario 5): a full disk, a read-only mount, or the bucket refusing.
A file is written whole or not at all, what counts as the storage failing, and the original image shown in place of
a rendition that could not be written."""

import logging
import os
import tempfile
from contextlib import suppress

from django.core.files import File
from django.core.files.storage import FileSystemStorage

logger = logging.getLogger(__name__)

REFUSED_MESSAGE = (
    "The image could not be stored: the media storage refused it. Try again later, or tell your site administrator."
)


def _storage_errors():
    """OSError from the file system (ENOSPC, EROFS, EACCES…); botocore's and boto3's errors from S3 when
    django-storages is installed (`pip install ".[s3]"`): a bucket refusing a PUT, or one out of reach."""
    errors = [OSError]
    with suppress(ImportError):
        from boto3.exceptions import Boto3Error
        from botocore.exceptions import BotoCoreError, ClientError

        errors += [Boto3Error, BotoCoreError, ClientError]
    return tuple(errors)


STORAGE_ERRORS = _storage_errors()


class _MovableFile(File):
    """A file already on the media disk: Django's FileSystemStorage renames it into place instead of copying it."""

    def temporary_file_path(self):
        return self.file.name


class AtomicFileSystemStorage(FileSystemStorage):
    """Django's FileSystemStorage writes an upload straight to its final name, chunk by chunk: a disk that fills up
    halfway leaves half an image there, which the site would then serve. This one writes to a hidden temporary file
    in the same folder and renames it into place once whole (a rename within one file system is atomic), and
    removes the temporary file when the write fails."""

    def _save(self, name, content):
        folder = os.path.dirname(self.path(name))
        if self.directory_permissions_mode is None:
            os.makedirs(folder, exist_ok=True)
        else:
            os.makedirs(folder, mode=self.directory_permissions_mode, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as partial:
                for chunk in content.chunks():
                    partial.write(chunk.encode() if isinstance(chunk, str) else chunk)
            with open(temporary, "rb") as whole:
                return super()._save(name, _MovableFile(whole, name=name))
        finally:
            with suppress(FileNotFoundError):
                os.remove(temporary)  # gone once renamed into place; else what was written of it


def original_as_rendition(image, error):
    """A stand-in for a rendition of `image` that could not be written: the original file, at its own size, so the
    page still shows the picture (larger than needed) rather than failing."""
    logger.warning("Image %s: a rendition could not be written (%s); the page shows the original", image.pk, error)
    rendition = image.renditions.model(image=image, width=image.width, height=image.height, filter_spec="original")
    rendition.file.name = image.file.name  # the name alone: assigning the file would read it for its size
    return rendition
