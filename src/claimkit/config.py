"""Lint configuration: ``.claimkit.yaml`` or ``[tool.claimkit]`` in ``pyproject.toml``.

The configuration is found by walking up from the linted paths to the repository root; the
first ``.claimkit.yaml``, or ``pyproject.toml`` with a ``[tool.claimkit]`` table, wins.
Unknown keys and unknown rule codes are errors with a suggestion, reported at their line.
Command-line flags override what the file says.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from claimkit._stance import Stance
from claimkit._validation import describe_error
from claimkit._yaml import LocatedDocument, Position, YamlError, load_document
from claimkit.errors import ConfigError
from claimkit.findings import Severity
from claimkit.models import Certainty
from claimkit.problems import Problem

__all__ = ["CONFIG_FILE", "DEFAULT_CERTAINTY_POLICY", "Config", "find_config", "load_config"]

CONFIG_FILE = ".claimkit.yaml"

Wording = Literal["asserted", "hedged"]

DEFAULT_CERTAINTY_POLICY: dict[Certainty, Wording] = {
    Certainty.HIGH: "asserted",
    Certainty.MODERATE: "asserted",
    Certainty.LOW: "hedged",
    Certainty.VERY_LOW: "hedged",
    Certainty.NONE: "hedged",
}
"""GRADE's wording: high and moderate certainty may be stated ("likely" for moderate is a
matter of style); low and below must be hedged ("may", "very uncertain")."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class CueDirections(_Section):
    forward: tuple[str, ...] = ()
    backward: tuple[str, ...] = ()
    both: tuple[str, ...] = ()


class ExtraCues(_Section):
    """Stance cues added to the bundled ones (``data/cues.yaml``), same shape."""

    negation: CueDirections = CueDirections()
    hedge: CueDirections = CueDirections()
    attribution: CueDirections = CueDirections()
    pseudo_negation: tuple[str, ...] = Field(default=(), alias="pseudo-negation")
    authority: tuple[str, ...] = ()
    clause_boundary: tuple[str, ...] = Field(default=(), alias="clause-boundary")

    def as_lexicon(self) -> dict[str, Any]:
        return self.model_dump()


def _selector(value: str) -> str:
    from claimkit.rules import RULES, resolve_selector

    if not resolve_selector(value):
        known = [*RULES, *(rule.name for rule in RULES.values())]
        close = difflib.get_close_matches(value, known, 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise PydanticCustomError(
            "rule_selector",
            "'{value}' is not a rule code, prefix or name{hint}",
            {"value": value, "hint": hint},
        )
    return value


def _code(value: str) -> str:
    from claimkit.rules import RULES

    if value not in RULES:
        close = difflib.get_close_matches(value, list(RULES), 1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise PydanticCustomError(
            "rule_code", "'{value}' is not a rule code{hint}", {"value": value, "hint": hint}
        )
    return value


Selector = Annotated[str, AfterValidator(_selector)]
"""A rule code (CK101), a code prefix (CK1) or a rule name (unsupported-claim)."""
Code = Annotated[str, AfterValidator(_code)]


class ServiceUrls(_Section):
    """Where the bibliographic services are; change them to use a mirror or a test server."""

    crossref: str = "https://api.crossref.org"
    eutils: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    idconv: str = "https://pmc.ncbi.nlm.nih.gov/tools/idconv/api/v1/articles/"
    doi: str = "https://doi.org"


class CitationSettings(_Section):
    """How ``claimkit cite verify`` works, and where lint finds its results."""

    lock: str | None = Field(
        default=None,
        description="The lock file, relative to the configuration file "
        "(default: citations.lock.json in the registry directory).",
    )
    mailto: str | None = Field(
        default=None, description="Contact address for Crossref's polite pool and NCBI."
    )
    max_age: int = Field(
        default=30, ge=0, alias="max-age", description="Days before --refresh re-checks an entry."
    )
    retraction_max_age: int = Field(
        default=7,
        ge=0,
        alias="retraction-max-age",
        description="Days before --refresh re-checks a citable work for retraction.",
    )
    timeout: float = Field(default=20.0, gt=0, description="Seconds to wait for one response.")
    retries: int = Field(
        default=4, ge=0, description="Retries of a request that failed in a way that may pass."
    )
    time_limit: float = Field(
        default=600.0,
        gt=0,
        alias="time-limit",
        description="Seconds a whole run may spend on the network before the rest is unreachable.",
    )
    services: ServiceUrls = ServiceUrls()


class Config(_Section):
    """What ``claimkit lint`` checks and how. Every field has a default."""

    claims: str | None = Field(
        default=None, description="The registry directory, relative to the configuration file."
    )
    include: tuple[str, ...] = Field(
        default=(), description="Only lint files matching these globs (default: all articles)."
    )
    exclude: tuple[str, ...] = Field(default=(), description="Never lint files matching these.")
    select: tuple[Selector, ...] = Field(
        default=("CK",), description="Rule codes or code prefixes to run."
    )
    ignore: tuple[Selector, ...] = Field(default=(), description="Rule codes or prefixes to skip.")
    severity: dict[Code, Severity] = Field(
        default_factory=dict, description="Severity per rule code, replacing the default."
    )
    per_file_ignores: dict[str, tuple[Selector, ...]] = Field(
        default_factory=dict,
        alias="per-file-ignores",
        description="Glob -> codes or prefixes to skip in matching files.",
    )
    rules: dict[Code, dict[str, Any]] = Field(
        default_factory=dict, description="Options per rule code; see `claimkit rules CODE`."
    )
    certainty_policy: dict[Certainty, Wording] = Field(
        default_factory=lambda: dict(DEFAULT_CERTAINTY_POLICY),
        alias="certainty-policy",
        description="For each certainty, whether a claim may be asserted or must be hedged.",
    )
    cues: ExtraCues = Field(default=ExtraCues(), description="Extra stance cues.")
    citations: CitationSettings = Field(
        default=CitationSettings(), description="Citation verification and its lock file."
    )
    fail_on: Severity | Literal["never"] = Field(
        default=Severity.ERROR, alias="fail-on", description="Lowest severity that fails the run."
    )
    min_severity: Severity = Field(
        default=Severity.INFO, alias="min-severity", description="Lowest severity shown."
    )
    path: Path | None = Field(default=None, exclude=True)
    """The file this configuration was read from, if any."""
    rule_options: dict[str, Any] = Field(default_factory=dict, exclude=True)
    """``rules`` validated against each rule's options model (see ``load_config``)."""

    def certainty_allows(self, certainty: Certainty, stance: Stance) -> bool:
        """Whether the policy lets a claim of this certainty be made with this stance."""
        return stance is not Stance.ASSERTED or self.certainty_policy.get(certainty) != "hedged"

    @property
    def base(self) -> Path:
        """The directory relative paths in the configuration are relative to."""
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Iterable[Path]) -> Path | None:
    """The configuration file that governs ``start`` (paths being linted), if there is one."""
    first = next(iter(start), Path.cwd())
    directory = first.resolve() if first.is_dir() else first.resolve().parent
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return _shown(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.claimkit]" in pyproject.read_text(errors="replace"):
            return _shown(pyproject)
        if (folder / ".git").exists():
            break
    return None


def _shown(path: Path) -> Path:
    """Relative to the working directory when under it, as users name files."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def load_config(path: Path | None) -> Config:
    """The configuration in ``path`` (``None``: the defaults); ``ConfigError`` listing every
    problem, each with its line, when it is invalid."""
    if path is None:
        return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            [Problem(path, 1, 1, f"cannot read the configuration: {error}")]
        ) from None
    if path.name == "pyproject.toml":
        data, document = _from_pyproject(path, text)
    else:
        data, document = _from_yaml(path, text)
    try:
        config = Config.model_validate(data or {})
    except ValidationError as error:
        problems = []
        for details in error.errors(include_url=False):
            position, message = describe_error(details, document, Config)
            problems.append(Problem(path, position.line, position.column, message))
        raise ConfigError(problems) from None
    return with_rule_options(config.model_copy(update={"path": path}), document)


def with_rule_options(config: Config, document: LocatedDocument | None = None) -> Config:
    """``config`` with each rule's ``rules:`` options validated by the rule's own model."""
    from claimkit.rules import RULES

    options: dict[str, Any] = {}
    problems = []
    for code, values in config.rules.items():
        model = RULES[code].Options
        try:
            options[code] = model.model_validate(values)
        except ValidationError as error:
            view = _Within(document or LocatedDocument(data={}), ("rules", code))
            for details in error.errors(include_url=False):
                position, message = describe_error(details, view, model)  # type: ignore[arg-type]
                problems.append(
                    Problem(
                        config.path or Path("<config>"),
                        position.line,
                        position.column,
                        f"rules.{code}.{message}",
                    )
                )
    if problems:
        raise ConfigError(problems)
    return config.model_copy(update={"rule_options": options})


class _Within:
    """A view of a located document from inside one of its values, for nested validation."""

    def __init__(self, document: LocatedDocument, prefix: tuple[str | int, ...]) -> None:
        self.document = document
        self.prefix = prefix
        self.source_text = {
            loc[len(prefix) :]: text
            for loc, text in document.source_text.items()
            if loc[: len(prefix)] == prefix
        }

    def position_of_value(self, loc: tuple[str | int, ...]) -> Position:
        return self.document.position_of_value((*self.prefix, *loc))

    def position_of_key(self, loc: tuple[str | int, ...]) -> Position:
        return self.document.position_of_key((*self.prefix, *loc))


def _from_yaml(path: Path, text: str) -> tuple[object, LocatedDocument]:
    try:
        document = load_document(text)
    except YamlError as error:
        raise ConfigError(
            [Problem(path, error.position.line, error.position.column, error.message)]
        ) from None
    if document is None:
        return {}, LocatedDocument(data={})
    if document.problems:
        raise ConfigError([Problem(path, p.line, p.column, m) for p, m in document.problems])
    if not isinstance(document.data, dict):
        raise ConfigError(
            [Problem(path, 1, 1, "the configuration must be a mapping of keys to values")]
        )
    return document.data, document


def _from_pyproject(path: Path, text: str) -> tuple[object, LocatedDocument]:
    """TOML has no positions to offer: each key is placed at the line where it is written
    under ``[tool.claimkit]``, or at the table's header."""
    try:
        data = tomllib.loads(text).get("tool", {}).get("claimkit", {})
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([Problem(path, 1, 1, f"invalid TOML: {error}")]) from None
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines, 1) if line.strip() == "[tool.claimkit]"), 1)
    document = LocatedDocument(data=data)
    document.value_positions[()] = Position(header, 1)
    for number in range(header, len(lines)):
        line = lines[number]
        if line.startswith("["):
            break
        key = re.match(r"\s*([\w-]+)\s*=", line)
        if key:
            at = Position(number + 1, line.index(key.group(1)) + 1)
            document.key_positions[(key.group(1),)] = at
            document.value_positions.setdefault((key.group(1),), at)
    return data, document
