"""The configuration: ``.claimkit.yaml`` or ``[tool.claimkit]`` in ``pyproject.toml``.

The configuration is found by walking up from the paths a command reads to the repository
root; the first ``.claimkit.yaml``, or ``pyproject.toml`` with a ``[tool.claimkit]`` table,
wins. Unknown keys and unknown rule codes are errors with a suggestion, reported at their
line; each rule's ``rules:`` options are validated by the rule's own options model, once, when
the configuration is built. A ``Config`` is plain, frozen data: what it means for a run is
resolved by ``claimkit.application``.

May import: ``claimkit.linting.rules`` (codes, names and options models),
``claimkit.registry``, ``claimkit.core``, ``claimkit.errors``.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from claimkit.core.enums import Severity
from claimkit.core.files import FileReadError, read_limited
from claimkit.core.located import LocatedDocument, Position, YamlError, load_document
from claimkit.core.problems import Problem
from claimkit.core.validation import Nested, describe_error
from claimkit.errors import ConfigError
from claimkit.linting.rules import (
    DEFAULT_CERTAINTY_POLICY,
    RULES,
    AllowedStance,
    resolve_selector,
)
from claimkit.registry import Certainty

__all__ = ["CONFIG_FILE", "Config", "find_config", "load_config"]

CONFIG_FILE = ".claimkit.yaml"
MAX_CONFIG_BYTES = 1_000_000


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class CueDirections(_Section):
    forward: tuple[str, ...] = ()
    backward: tuple[str, ...] = ()
    both: tuple[str, ...] = ()


class ExtraCues(_Section):
    """Stance cues added to the bundled ones (``data/cues.yaml``), same shape."""

    question: CueDirections = CueDirections()
    negation: CueDirections = CueDirections()
    hedge: CueDirections = CueDirections()
    attribution: CueDirections = CueDirections()
    pseudo_negation: tuple[str, ...] = Field(default=(), alias="pseudo-negation")
    pseudo_hedge: tuple[str, ...] = Field(default=(), alias="pseudo-hedge")
    authority: tuple[str, ...] = ()
    clause_boundary: tuple[str, ...] = Field(default=(), alias="clause-boundary")
    concessive: tuple[str, ...] = ()
    rebuttal: tuple[str, ...] = ()
    turn: tuple[str, ...] = ()
    verdict_negated: tuple[str, ...] = Field(default=(), alias="verdict-negated")
    verdict_hedged: tuple[str, ...] = Field(default=(), alias="verdict-hedged")
    verdict_asserted: tuple[str, ...] = Field(default=(), alias="verdict-asserted")
    claim_pointer: tuple[str, ...] = Field(default=(), alias="claim-pointer")
    claim_noun: tuple[str, ...] = Field(default=(), alias="claim-noun")
    myth_label: tuple[str, ...] = Field(default=(), alias="myth-label")
    fact_label: tuple[str, ...] = Field(default=(), alias="fact-label")

    def as_lexicon(self) -> dict[str, Any]:
        return self.model_dump()


def _selector(value: str) -> str:
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
    certainty_policy: dict[Certainty, AllowedStance] = Field(
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
    _rule_options: dict[str, BaseModel] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _validate_rule_options(self) -> Config:
        """Each rule's ``rules:`` options, validated by the rule's own model; an error is
        placed at ``rules.CODE.KEY`` so that it is reported at the key's line."""
        options: dict[str, BaseModel] = {}
        errors: list[InitErrorDetails] = []
        for code, values in self.rules.items():
            try:
                options[code] = RULES[code].Options.model_validate(values)
            except ValidationError as error:
                errors.extend(_within(("rules", code), e) for e in error.errors(include_url=False))
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        self._rule_options = options
        return self

    def options_for(self, code: str) -> BaseModel | None:
        """The validated options of rule ``code`` (its ``rules:`` entry), ``None`` for its
        defaults."""
        return self._rule_options.get(code)

    def with_rules(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Config:
        """This configuration with ``select`` replacing its selection (when given) and
        ``ignore`` added to what it ignores; ``ValidationError`` for an unknown selector."""
        overrides: dict[str, object] = {}
        if select:
            overrides["select"] = tuple(select)
        if ignore:
            overrides["ignore"] = (*self.ignore, *ignore)
        if not overrides:
            return self
        data = {**self.model_dump(by_alias=True), **overrides}
        return type(self).model_validate(data).model_copy(update={"path": self.path})

    @property
    def base(self) -> Path:
        """The directory relative paths in the configuration are relative to."""
        return self.path.parent if self.path else Path.cwd()


def _within(prefix: tuple[str, ...], details: ErrorDetails) -> InitErrorDetails:
    """A nested model's error, placed under ``prefix`` in the configuration."""
    error = InitErrorDetails(
        type=details["type"], loc=(*prefix, *details["loc"]), input=details["input"]
    )
    if "ctx" in details:
        error["ctx"] = details["ctx"]
    return error


def find_config(start: Iterable[Path]) -> Path | None:
    """The configuration file that governs ``start`` (paths being linted), if there is one."""
    first = next(iter(start), Path.cwd())
    directory = first.resolve() if first.is_dir() else first.resolve().parent
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return _shown(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _configures_claimkit(pyproject):
            return _shown(pyproject)
        if (folder / ".git").exists():
            break
    return None


def _configures_claimkit(pyproject: Path) -> bool:
    try:
        return b"[tool.claimkit]" in read_limited(pyproject, MAX_CONFIG_BYTES)
    except FileReadError:
        return True  # so that load_config says what is wrong with it, not ignore it


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
        text = read_limited(path, MAX_CONFIG_BYTES, what="configuration").decode("utf-8-sig")
    except FileReadError as error:
        raise ConfigError([Problem(path, 1, 1, str(error))]) from None
    except UnicodeDecodeError as error:
        message = f"not valid UTF-8 (byte 0x{error.object[error.start]:02X}); save it as UTF-8"
        raise ConfigError([Problem(path, 1, 1, message)]) from None
    if path.name == "pyproject.toml":
        data, document = _from_pyproject(path, text)
    else:
        data, document = _from_yaml(path, text)
    try:
        config = Config.model_validate(data or {})
    except ValidationError as error:
        problems = []
        for details in error.errors(include_url=False):
            position, message = describe_error(details, document, Config, _RULE_OPTIONS)
            problems.append(Problem(path, position.line, position.column, message))
        raise ConfigError(problems) from None
    return config.model_copy(update={"path": path})


_RULE_OPTIONS: Nested = {("rules", code): rule.Options for code, rule in RULES.items()}
"""Where the options models of ``rules:`` sit, for messages about their keys."""


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
