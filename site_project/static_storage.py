"""Production static files: the project's own stylesheets and scripts minified, then hashed and compressed."""

from pathlib import Path

import rcssmin
import rjsmin
from django.conf import settings
from django.core.files.base import ContentFile
from whitenoise.storage import CompressedManifestStaticFilesStorage

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


class MinifiedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Our CSS and JS are hand-written and commented in static/; readers get them without the comments and
    spaces. Wagtail's and other apps' files ship minified already and are left as they are. Hashing and
    whitenoise's gzip and brotli variants then work on the minified text."""

    def post_process(self, paths, dry_run=False, **options):
        if not dry_run:
            paths = {name: self.minify(name, source) for name, source in paths.items()}
        yield from super().post_process(paths, dry_run, **options)

    def minify(self, name, source):
        """Overwrite the collected copy of one of our files with its minified text; read it from there on."""
        storage, path = source
        minifier = MINIFIERS.get(Path(name).suffix)
        if minifier is None or Path(storage.location).resolve() not in project_static_dirs():
            return source
        with storage.open(path) as file:
            text = file.read().decode()
        self.delete(name)
        self._save(name, ContentFile(minifier(text).encode()))
        return self, name


def project_static_dirs():
    return {Path(entry[1] if isinstance(entry, tuple) else entry).resolve() for entry in settings.STATICFILES_DIRS}
