"""Spreadsheet downloads that are safe to open: every CSV the admin writes goes through Wagtail's
`SpreadsheetExportMixin` (our participation and review reports, and Wagtail's own: aging pages, site history,
workflows, locked pages, redirects, form submissions), and students choose much of what those files hold (their
names, sections, post titles). `protect_spreadsheet_exports()`, called once from an `AppConfig.ready()`, makes that
mixin's CSV writing follow OWASP's rule against formula injection and start with a byte-order mark, so a new export
cannot forget either.

XLSX needs nothing more: Wagtail already turns a cell openpyxl would take for a formula back into text, and a text
cell starting with `+`, `-` or `@` is never evaluated.
"""

import codecs
import csv

from django.utils import timezone
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Google Sheets (OWASP, CSV
# Injection): `=HYPERLINK(…)` as a first name becomes a link that leaks the sheet, `@SUM(…)` or `+1` a calculation.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """The text a spreadsheet would evaluate, with a leading single quote that makes it plain text; anything else
    unchanged (numbers and dates stay numbers and dates). The csv module still quotes the cell as it needs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def csv_local_time(value):
    """A moment as the course's people read it in a CSV: local time to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def xlsx_local_time(value):
    """A moment as Excel takes it: local time, without a zone (openpyxl refuses aware datetimes)."""
    return timezone.make_naive(value) if value else None


def local_times(view):
    """For a SpreadsheetExportMixin view's `custom_field_preprocess`: each format's way with a moment."""
    return {view.FORMAT_CSV: csv_local_time, view.FORMAT_XLSX: xlsx_local_time}


def stream_csv(self, queryset):
    """Wagtail's `stream_csv`, with a UTF-8 byte-order mark first (Excel otherwise reads "Zoë" as "ZoÃ«") and
    neutralised headings."""
    writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
    yield codecs.BOM_UTF8
    yield writer.writerow({field: neutralise(self.get_heading(queryset, field)) for field in self.list_export})
    for item in queryset:
        yield self.write_csv_row(writer, self.to_row_dict(item))


def write_csv_row(self, writer, row_dict):
    """Wagtail's `write_csv_row`, each cell neutralised after the view's own preprocessing."""
    return writer.writerow(
        {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def protect_spreadsheet_exports():
    """Replace the CSV writing of Wagtail's `SpreadsheetExportMixin`, for every view built on it (idempotent)."""
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_csv_row = write_csv_row
