"""The admin's import, in the background: an export of a few thousand comments takes longer than a request should."""

import logging

from django.utils import timezone
from django_tasks import task

from wordpress_import.importer import Importer
from wordpress_import.models import WordPressImport
from wordpress_import.wxr import WxrError, parse_wxr

Status = WordPressImport.Status
logger = logging.getLogger(__name__)


@task()
def run_import(import_id):
    """Import an upload that was previewed and confirmed; once, however often the task is delivered."""
    if not WordPressImport.objects.filter(pk=import_id, status=Status.QUEUED).update(status=Status.RUNNING):
        return
    job = WordPressImport.objects.select_related("course", "unit").get(pk=import_id)
    try:
        report = Importer(parse_wxr(job.export_bytes()), job.course, unit=job.unit).run()
        job.report, job.status = report.lines(), Status.DONE
    except WxrError as error:  # it parsed for the preview: only a changed parser could get here
        job.report, job.status = [f"{error} Nothing was imported."], Status.FAILED
    except Exception:  # the report says so, rather than the page saying "Importing" for ever
        logger.exception("WordPress import %s failed", import_id)
        job.report, job.status = (
            ["The import stopped on an unexpected error; the site's log has the details."],
            Status.FAILED,
        )
    job.finished_at = timezone.now()
    job.save(update_fields=["report", "status", "finished_at"])
