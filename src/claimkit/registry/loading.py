"""The claim registry: find claim files, validate them, and hold the claims they define.

``load_claims`` reads every ``*.yaml``/``*.yml`` file under a directory (hidden files and
directories skipped), validates each against the claim model and the consistency checks, and
either returns a ``ClaimSet`` or raises ``InvalidRegistryError`` listing *every* problem with
its ``path:line:column``, so that an editor can fix a whole registry in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from claimkit.core.enums import Severity
from claimkit.core.files import FileReadError, read_limited
from claimkit.core.located import (
    START,
    Loc,
    LocatedDocument,
    Position,
    YamlError,
    load_document,
)
from claimkit.core.problems import Problem
from claimkit.core.text import words_of
from claimkit.core.validation import describe_error
from claimkit.core.words import reach_in_words
from claimkit.errors import InvalidRegistryError, RegistryNotFoundError
from claimkit.registry import _cache as registry_cache
from claimkit.registry._consistency import check_claim, overdue_message
from claimkit.registry.claimset import ClaimSet, ClaimSource, FailingExample
from claimkit.registry.models import Claim, Topic
from claimkit.registry.vocabulary import REFERENCE, Vocabulary, bundled_concepts

__all__ = [
    "CLAIM_FILE_SUFFIXES",
    "MAX_CLAIM_FILE_BYTES",
    "TOPIC_FILES",
    "bundled_claims_path",
    "load_claims",
    "term_reach",
]

CLAIM_FILE_SUFFIXES = (".yaml", ".yml")
TOPIC_FILES = frozenset({"topic.yaml", "topic.yml"})
"""A file by one of these names declares a topic (``Topic``), not a claim."""
MAX_CLAIM_FILE_BYTES = 1_000_000


def bundled_claims_path() -> Path:
    """The registry that ships with claimkit: claims about crying and tears.

    Inside an installed wheel it is package data; in a source checkout (an editable install)
    it is the repository's own ``claims/`` directory.
    """
    packaged = Path(__file__).parents[1] / "bundled_claims"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "claims"


def load_claims(
    path: str | os.PathLike[str], *, today: dt.date | None = None, cache: bool = True
) -> ClaimSet:
    """Load and validate the registry at ``path``: a directory of claim files, or one file.

    Raises ``RegistryNotFoundError`` when ``path`` does not exist and ``InvalidRegistryError``
    (with every problem, errors and warnings) when any file is invalid. A claim whose own
    examples its match rules no longer judge as written does not stop loading:
    ``ClaimSet.failing_examples`` lists them, and ``claims check`` fails on them. ``today``
    decides which reviews are overdue; it defaults to the current date.

    A valid registry is cached (see ``claimkit.registry._cache``) and read back while no claim
    file has changed; ``cache=False`` always reads the files.
    """
    root = Path(path)
    today = today or dt.date.today()
    files = _claim_files(root)
    fingerprint = registry_cache.fingerprint(files, MAX_CLAIM_FILE_BYTES) if cache else None
    registry = registry_cache.read(root, fingerprint) if fingerprint is not None else None
    if registry is None:
        registry = _validate(files, today)
        if fingerprint is not None:
            registry_cache.write(root, fingerprint, registry)
    return registry._with_warnings(_overdue(registry, today))


def _validate(files: list[Path], today: dt.date) -> ClaimSet:
    claims: list[tuple[Claim, ClaimSource]] = []
    documents: dict[str, LocatedDocument] = {}
    problems: list[Problem] = []
    topics, topic_problems = _load_topics([f for f in files if f.name in TOPIC_FILES])
    problems.extend(topic_problems)
    vocabulary = Vocabulary(topics)
    # A topic file that does not load is reported once, not again by every claim of its topic.
    topics_complete = not any(problem.is_error for problem in topic_problems)
    for file in files:
        if file.name in TOPIC_FILES:
            continue
        loaded, file_problems = _load_file(file, today)
        problems.extend(file_problems)
        if loaded is not None:
            claim, source, document = loaded
            claims.append((claim, source))
            documents.setdefault(claim.id, document)
            problems.extend(
                _bad_references(claim, source.path, document, vocabulary, topics_complete)
            )
    problems.extend(_duplicate_ids(claims))
    registry = ClaimSet(claims, problems, topics.values())
    failing = list(_failed_examples(registry, documents))
    if any(problem.is_error for problem in problems):
        # Overdue reviews belong in the list too: an editor fixing the file wants them all.
        problems.extend(_overdue(registry, today))
        problems.extend(example.problem for example in failing)
        raise InvalidRegistryError(sorted(problems, key=Problem.sort_key))
    # Examples that fail do not stop the registry (an upgrade may change what a term meets):
    # every command runs and names them; `claims check` fails on them.
    failing.sort(key=lambda example: Problem.sort_key(example.problem))
    return ClaimSet(claims, problems, topics.values(), failing)


def _overdue(registry: ClaimSet, today: dt.date) -> Iterator[Problem]:
    for claim_id in registry.ids:
        source = registry.source_of(claim_id)
        message = overdue_message(source.next_review, today)
        if message is not None:
            yield Problem(
                source.path,
                source.next_review_line,
                source.next_review_column,
                message,
                Severity.WARNING,
            )


def _claim_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise RegistryNotFoundError(root)
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if not name.startswith("."))
        found.extend(
            Path(directory, name)
            for name in files
            if name.endswith(CLAIM_FILE_SUFFIXES) and not name.startswith(".")
        )
    if not found:
        raise RegistryNotFoundError(root, empty=True)
    return sorted(found)


def _load_file(
    path: Path, today: dt.date
) -> tuple[tuple[Claim, ClaimSource, LocatedDocument] | None, list[Problem]]:
    def problem(position: Position, message: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(path, position.line, position.column, message, severity)

    try:
        text = _read_text(path)
        document = load_document(text)
    except YamlError as error:
        return None, [problem(error.position, error.message)]
    if document is None:
        message = "the file is empty; a claim file needs at least id, statement, topic, "
        message += "evidence, match and review"
        return None, [problem(START, message)]
    problems = [problem(position, message) for position, message in document.problems]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else f"the value {text.strip()[:40]!r}"
        problems.append(
            problem(START, f"a claim file must be a mapping of keys to values, not {kind}")
        )
        return None, problems
    try:
        claim = Claim.model_validate(document.data)
    except ValidationError as error:
        for details in error.errors(include_url=False):
            position, message = describe_error(details, document, Claim)
            problems.append(problem(position, message))
        return None, problems
    for loc, message, severity in check_claim(claim, today, document.position_of_value):
        problems.append(problem(document.position_of_value(loc), message, severity))
    at_id = document.position_of_value(("id",))
    at_review = document.position_of_value(("review", "next_review"))
    source = ClaimSource(
        path,
        at_id.line,
        at_id.column,
        claim.review.next_review,
        at_review.line,
        at_review.column,
    )
    return (claim, source, document), problems


def _load_topics(files: list[Path]) -> tuple[dict[str, Topic], list[Problem]]:
    """The topics the registry declares, by name, and what is wrong with their files."""
    topics: dict[str, Topic] = {}
    where: dict[str, Problem] = {}
    problems: list[Problem] = []
    for path in files:
        document, file_problems = _document(path, "a topic file needs topic, name and terms")
        problems.extend(file_problems)
        if document is None:
            continue
        try:
            topic = Topic.model_validate(document.data)
        except ValidationError as error:
            for details in error.errors(include_url=False):
                position, message = describe_error(details, document, Topic)
                problems.append(Problem(path, position.line, position.column, message))
            continue
        at = document.position_of_value(("topic",))
        if topic.topic in topics:
            earlier = where[topic.topic]
            problems.append(
                Problem(
                    path,
                    at.line,
                    at.column,
                    f"topic: {topic.topic!r} is already declared in "
                    f"{earlier.path}:{earlier.line}:{earlier.column}",
                )
            )
            continue
        if topic.topic in bundled_concepts():
            problems.append(
                Problem(
                    path,
                    at.line,
                    at.column,
                    f"topic: {topic.topic!r} is also the name of a concept (@{topic.topic}); "
                    "choose another name",
                )
            )
            continue
        topics[topic.topic] = topic
        where[topic.topic] = Problem(path, at.line, at.column, "")
        for number, term in enumerate(topic.terms):
            if term.startswith(REFERENCE):
                at_term = document.position_of_value(("terms", number))
                problems.append(
                    Problem(
                        path,
                        at_term.line,
                        at_term.column,
                        f"terms[{number}]: a topic's terms are words, not references ({term!r})",
                    )
                )
    return topics, problems


def term_reach(path: str | os.PathLike[str]) -> tuple[Problem, ...]:
    """Notes (severity info) on what each word of the match terms of the registry at ``path``
    meets: its inflections and its curated relatives, and which relation each comes from
    (``claimkit claims check --terms``). Once per word and file, at its first term. Files
    that do not load are skipped; loading reports them."""
    problems: list[Problem] = []
    for file in _claim_files(Path(path)):
        if file.name in TOPIC_FILES:
            continue
        loaded, _ = _load_file(file, dt.date.today())
        if loaded is not None:
            claim, source, document = loaded
            problems.extend(_term_reach(claim, source.path, document))
    return tuple(sorted(problems, key=Problem.sort_key))


def _term_reach(claim: Claim, path: Path, document: LocatedDocument) -> Iterator[Problem]:
    match, described = claim.match, set()
    places: list[tuple[str, Loc, str]] = [
        (f"{section}[{number}][{position}]", ("match", section, number, position), term)
        for section, groups in (
            ("required", match.required),
            ("context", match.context),
            ("contrary", match.contrary),
        )
        for number, group in enumerate(groups)
        for position, term in enumerate(group)
    ]
    places += [(f"veto[{n}]", ("match", "veto", n), term) for n, term in enumerate(match.veto)]
    for where, key, term in places:
        if term.startswith(REFERENCE):
            continue
        for word in term.split() if term.isupper() else words_of(term):
            if word not in described:
                described.add(word)
                at = document.position_of_value(key)
                yield Problem(
                    path,
                    at.line,
                    at.column,
                    f"match.{where}: {reach_in_words(word)}",
                    Severity.INFO,
                )


def _bad_references(
    claim: Claim,
    path: Path,
    document: LocatedDocument,
    vocabulary: Vocabulary,
    topics_complete: bool,
) -> Iterator[Problem]:
    """Terms that name no concept or topic, and a topic the registry does not declare (when
    every topic file loaded: ``topics_complete``)."""
    if topics_complete and vocabulary.topics and claim.topic not in vocabulary.topics:
        at = document.position_of_value(("topic",))
        known = ", ".join(sorted(vocabulary.topics))
        close = difflib.get_close_matches(claim.topic, vocabulary.topics, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f" (declared: {known})"
        yield Problem(
            path, at.line, at.column, f"topic: {claim.topic!r} is not a declared topic{hint}"
        )
    match = claim.match
    for section, groups in (
        ("required", match.required),
        ("context", match.context),
        ("contrary", match.contrary),
    ):
        for number, group in enumerate(groups):
            for position, term in enumerate(group):
                why = vocabulary.unknown(term)
                if why is not None:
                    at = document.position_of_value(("match", section, number, position))
                    yield Problem(
                        path, at.line, at.column, f"match.{section}[{number}][{position}]: {why}"
                    )
    for position, term in enumerate(match.veto):
        why = vocabulary.unknown(term)
        if why is not None:
            at = document.position_of_value(("match", "veto", position))
            yield Problem(path, at.line, at.column, f"match.veto[{position}]: {why}")


def _document(path: Path, empty: str) -> tuple[LocatedDocument | None, list[Problem]]:
    """The file's YAML as a mapping, with positions; or the problems that stop it being one."""
    try:
        text = _read_text(path)
        document = load_document(text)
    except YamlError as error:
        return None, [Problem(path, error.position.line, error.position.column, error.message)]
    if document is None:
        return None, [Problem(path, 1, 1, f"the file is empty; {empty}")]
    problems = [Problem(path, p.line, p.column, m) for p, m in document.problems]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else f"the value {text.strip()[:40]!r}"
        problems.append(
            Problem(path, 1, 1, f"the file must be a mapping of keys to values, not {kind}")
        )
        return None, problems
    return (document if not problems else None), problems


def _read_text(path: Path) -> str:
    try:
        raw = read_limited(path, MAX_CLAIM_FILE_BYTES, what="claim file")
    except FileReadError as error:
        raise YamlError(START, str(error)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        prefix = raw[: error.start].decode("utf-8-sig")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        byte = raw[error.start]
        raise YamlError(
            Position(line, column), f"not valid UTF-8 (byte 0x{byte:02X}); save the file as UTF-8"
        ) from None


def _duplicate_ids(claims: list[tuple[Claim, ClaimSource]]) -> Iterator[Problem]:
    first: dict[str, ClaimSource] = {}
    for claim, source in claims:
        if claim.id in first:
            earlier = first[claim.id]
            yield Problem(
                source.path,
                source.line,
                source.column,
                f"id: {claim.id!r} is already defined in "
                f"{earlier.path}:{earlier.line}:{earlier.column}",
            )
        else:
            first[claim.id] = source


def _failed_examples(
    registry: ClaimSet, documents: dict[str, LocatedDocument]
) -> Iterator[FailingExample]:
    """A claim file must pass its own examples: each ``match`` sentence is recognised as the
    claim and no ``no_match`` sentence is."""
    index = registry.index
    for claim in registry:
        path, document = registry.source_of(claim.id).path, documents[claim.id]
        for number, sentence in enumerate(claim.examples.match):
            reason = index.unmatched_group(claim.id, sentence)
            if reason is not None:
                problem = _problem_at(
                    path,
                    document,
                    ("examples", "match", number),
                    f"examples.match[{number}]: {sentence!r} is not recognised as this claim: "
                    f"{reason}",
                )
                yield FailingExample(claim.id, sentence, problem)
        for number, sentence in enumerate(claim.examples.no_match):
            if index.unmatched_group(claim.id, sentence) is None:
                problem = _problem_at(
                    path,
                    document,
                    ("examples", "no_match", number),
                    f"examples.no_match[{number}]: {sentence!r} is recognised as this claim; "
                    "narrow match.required or add a match.veto term",
                )
                yield FailingExample(claim.id, sentence, problem)


def _problem_at(path: Path, document: LocatedDocument, loc: Loc, message: str) -> Problem:
    position = document.position_of_value(loc)
    return Problem(path, position.line, position.column, message)
