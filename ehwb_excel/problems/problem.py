"""Problems as data: a located, coded message saying what is wrong and what to do.

The kinds of problem live in `ehwb_excel.problems.catalogue` (one module per stage); each kind has a
stable code (`DEF_012`), a short name for maintainers, a severity and a user template whose
text reads: what is wrong, then what to do. The location is printed in front of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from string import Formatter

from ehwb_excel.problems.location import Location, printable


class Severity(str, Enum):
    ERROR = "error"  # the file/definition cannot be used as it is
    WARNING = "warning"  # used, but someone should look (late, changed template, ...)


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class _LenientFormatter(Formatter):
    """A format spec that does not fit the value ("{length:,}" given "?") prints the value plainly."""

    def format_field(self, value, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)


_REGISTRY: dict[str, "ProblemType"] = {}


@dataclass(frozen=True)
class ProblemType:
    code: str
    name: str
    severity: Severity
    template: str
    rejects_file: bool = False  # a return with this problem is not merged at all
    rejects_answer: bool = False  # the answer at the problem's cell is not merged (the rest of the file is)

    def __post_init__(self) -> None:
        if self.code in _REGISTRY:
            raise ValueError(f"problem code {self.code} defined twice")
        _REGISTRY[self.code] = self

    def __reduce__(self):
        # unpickled (a problem found in a worker process) as the registered kind itself, so
        # `problem.type is ret.REQUIRED_MISSING` holds for it as for a problem found here
        return (problem_type, (self.code,))

    def __call__(self, location: Location | None = None, **context) -> "Problem":
        return Problem(self, location or Location(), context)

    def format(self, context: Mapping) -> str:
        """The template filled from `context`; a missing key prints '?' instead of crashing."""
        return _LenientFormatter().vformat(self.template, (), _Lenient(context))


def problem_type(code: str) -> ProblemType:
    """The registered kind of problem with `code` (KeyError when there is none)."""
    import ehwb_excel.problems.catalogue  # noqa: F401  (registers the catalogue)

    return _REGISTRY[code]


def all_problem_types() -> list[ProblemType]:
    """Every registered kind of problem, by code (for the docs' problem list)."""
    import ehwb_excel.problems.catalogue  # noqa: F401  (registers the catalogue)

    return sorted(_REGISTRY.values(), key=lambda t: t.code)


@dataclass(frozen=True)
class Problem:
    type: ProblemType
    location: Location
    context: Mapping = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.type.code

    @property
    def severity(self) -> Severity:
        return self.type.severity

    @property
    def message(self) -> str:
        return self.type.format(self.context)

    def __str__(self) -> str:
        """One line, as printed: a line break or control character in what the message quotes is shown escaped."""
        where, message = str(self.location), printable(self.message)
        return f"{where}: {message}" if where else message

    def to_dict(self) -> dict:
        return {
            "file": self.location.file,
            "sheet": self.location.sheet or "",
            "cell": self.location.cell or "",
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


class EhwbError(Exception):
    """Raised only when nothing can go on; carries the problems that stopped it."""

    def __init__(self, problems: Problem | Iterable[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Report:
    """All problems found in one piece of work, errors and warnings kept apart."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem | None) -> None:
        if problem is not None:
            self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(p for p in problems if p is not None)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def flatten(self, fields: Iterable[str] = ("file", "sheet", "cell", "code")) -> list[list[str]]:
        """One list per problem with the named fields, for tests and the Issues sheet."""
        fields = list(fields)
        return [[p.to_dict()[f] for f in fields] for p in self.problems]

    def to_dict(self) -> dict:
        return {
            "valid": self.valid,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.to_dict() for p in self.problems],
        }
