"""The import report as plain text lines, for the command's output."""

STATUS_LABELS = {"created": "Created", "updated": "Updated", "unchanged": "Unchanged", "rejected": "Rejected"}


def outcome_line(outcome):
    who = outcome.email or "(no email)"
    if outcome.name:
        who = f"{who} ({outcome.name})"
    details = f": {'; '.join(outcome.details)}" if outcome.details else ""
    return f"  line {outcome.line}, {who}{details}"


def report_lines(report, verbose=False):
    lines = []
    if report.dry_run:
        lines.append("Dry run: nothing was written and no invitations were sent.")
    lines.extend(f"{label}: {report.counts[status]}" for status, label in STATUS_LABELS.items())
    if report.ended is not None:
        lines.append(f"Enrolments ended: {len(report.ended)}")
    if report.ignored_columns:
        lines.append(f"Ignored columns: {', '.join(report.ignored_columns)}")
    if report.rejected:
        lines.append("Rejected rows:")
        lines.extend(outcome_line(outcome) for outcome in report.rejected)
    if verbose:
        for status in ("created", "updated"):
            outcomes = report.with_status(status)
            if outcomes:
                lines.append(f"{STATUS_LABELS[status]} rows:")
                lines.extend(outcome_line(outcome) for outcome in outcomes)
    if report.ended:
        lines.append("Left the course (their accounts stay open):")
        lines.extend(f"  {who}" for who in report.ended)
    return lines
