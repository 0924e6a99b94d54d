"""The catalogue of problems as a Markdown page, so docs/problems.md cannot drift from the code."""

from __future__ import annotations

import re

from ehwb_excel.problems.problem import all_problem_types

STAGES = {"DEF": "Definition workbook (`ehwb check`)", "RET": "Returns and the master (`ehwb merge`, `ehwb status`)",
          "REP": "Report (`ehwb report`)", "ADD": "Excel add-in (the Merge returns button)",
          "CLI": "Command line (every `ehwb` command)"}


def problem_list_markdown() -> str:
    """Every problem kind by stage: code, severity, whether it rejects the file, and its message."""
    lines = ["# Problems ehwb reports", "",
             "Generated from `ehwb_excel/problems/catalogue/` by `python -m ehwb_excel.problems.problem_list > docs/problems.md`;",
             "a test fails when this page and the catalogue differ. Each message is printed after the",
             "place it concerns (file, sheet, cell); `{…}` parts are filled in from what was found.", ""]
    kinds = all_problem_types()
    for prefix, title in STAGES.items():
        lines += [f"## {title}", "", "| code | name | severity | message |", "|---|---|---|---|"]
        for kind in (k for k in kinds if k.code.startswith(prefix + "_")):  # other prefixes are tests' own
            severity = kind.severity.value + (", file not merged" if kind.rejects_file else "")
            message = re.sub(r"\s+", " ", kind.template).replace("|", "\\|")
            lines.append(f"| {kind.code} | {kind.name} | {severity} | {message} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(problem_list_markdown(), end="")
