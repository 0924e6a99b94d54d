"""`ehwb status RETURNS_DIR --master MASTER.xlsx`: who has returned, who is missing or late, what was rejected and why."""

from __future__ import annotations

from ehwb_excel.cli.commands.merge import errors_line, exit_code
from ehwb_excel.cli.common import add_jobs_option, add_password_option, password_of
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import file_progress, print_json
from ehwb_excel.cli.paths import input_workbook

HELP = "show who has returned, who is missing or late, and what was rejected and why (writes nothing)"
ORDER = 45
PROBLEMS_FOUND = "a merge now would put errors on the Issues sheet: a return would be rejected, or an answer needs correcting"
COLUMNS = ("Agency", "Status", "File", "Received (UK time)", "Received from", "Answers", "Required missing", "Errors", "Warnings", "Why")


def add_arguments(parser) -> None:
    parser.add_argument("returns_dir", metavar="RETURNS_DIR", help="the folder the agencies' returns were saved in")
    parser.add_argument("--master", metavar="MASTER.xlsx", required=True, help="the master workbook written by 'ehwb generate'")
    add_jobs_option(parser)
    add_password_option(parser, "the master and the returns, when they are encrypted")


def run(args) -> int:
    from ehwb_excel.master.merge_returns import available_cores, merge_returns

    master = input_workbook(args.master, "master workbook")
    with file_progress(args, "reading the returns") as on_file_read:
        result = merge_returns(args.returns_dir, master, jobs=args.jobs or available_cores(), on_file_read=on_file_read,
                               password=password_of(args))
    code = exit_code(result)
    if args.json:
        print_json({"summary": result.summary(), "submissions": [s.to_dict() for s in result.submissions], "exit_code": int(code)})
        return code
    print(status_table(result.submissions))
    for submission in result.rejected:
        print(f"Rejected {submission.file}: {' '.join(submission.reasons)}")
    print()
    print(result.summary())
    if code is ExitCode.PROBLEMS:
        print(errors_line(result))
    return code


def status_table(submissions) -> str:
    """The submissions as plain text columns, one line per agency (and per rejected file)."""
    rows = [COLUMNS] + [_row(s) for s in submissions]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(value.ljust(width) for value, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def _row(submission) -> tuple[str, ...]:
    from ehwb_excel.merge.submission import uk_wall_clock  # imported here: --help stays fast

    received = f"{uk_wall_clock(submission.received):%d/%m/%Y %H:%M}" if submission.received else ""
    return (
        submission.agency or "?", submission.status, submission.file, received, submission.received_from,
        str(submission.answers), str(submission.required_missing), str(submission.errors), str(submission.warnings),
        submission.why,  # a rejection in full below the table
    )
