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


def pytest_terminal_summary(terminalreporter):
    if not rows:
        return
    widths = [max(len(str(row[n])) for row in [COLUMNS, *rows]) for n in range(len(COLUMNS))]
    terminalreporter.section("faults")
    for row in [COLUMNS, *rows]:
        terminalreporter.write_line("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
