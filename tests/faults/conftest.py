"""The fault scenarios' table, printed after the run: what readers and commenters sent in each scenario (the load
balancer's probes aside), what failed, and how long the site took to recover."""

import pytest

COLUMNS = ("scenario", "requests", "5xx", "acknowledged", "stored", "s to recover")
rows = []


@pytest.fixture
def fault_report():
    """fault_report(scenario, requests=…, errors=…, acknowledged=…, stored=…, recovered_in=…): one row."""

    def add(scenario, *, requests, errors, acknowledged, stored, recovered_in):
        rows.append((scenario, requests, errors, acknowledged, stored, f"{recovered_in:.1f}"))

    return add


MAIL_COLUMNS = ("mail scenario", "emails", "sent", "duplicated", "lost", "SMTP attempts", "s to deliver")
mail_rows = []


@pytest.fixture
def mail_report():
    """mail_report(scenario, emails=…, sent=…, duplicated=…, lost=…, attempts=…, seconds=…): one row of the mail
    table (tests/faults/test_mail_faults.py): what the sink received once the worker was done."""

    def add(scenario, *, emails, sent, duplicated, lost, attempts, seconds):
        mail_rows.append((scenario, emails, sent, duplicated, lost, attempts, f"{seconds:.1f}"))

    return add


def write_table(terminalreporter, title, columns, table):
    if not table:
        return
    widths = [max(len(str(row[n])) for row in [columns, *table]) for n in range(len(columns))]
    terminalreporter.section(title)
    for row in [columns, *table]:
        terminalreporter.write_line("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))


def pytest_terminal_summary(terminalreporter):
    write_table(terminalreporter, "mail faults", MAIL_COLUMNS, mail_rows)
    write_table(terminalreporter, "faults", COLUMNS, rows)
