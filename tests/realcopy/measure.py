"""Measure how claimkit reads real copy, against the labelled articles in tests/realcopy.

    python tests/realcopy/measure.py [--half dev|heldout|both] [--topic TOPIC] [--misses]

For each topic and half:
- (sentence, claim) pairs: recall (labelled pairs found) and precision (pairs found that are
  labelled), each article scanned whole, as `claimkit scan` reads it; recall also by reach,
  what a reader needs to reach the pair: `explicit` (the sentence states the effect; its
  subject is named or resolves through a pronoun, heading, lead-in or title),
  `claim-anaphor` (it refers back to a claim already made: "These claims have not held up"),
  `inferred` (it takes reasoning about the argument);
- per article: of the claims each article makes (any stance), the share found anywhere in
  it; of the claims reported in it, the share it makes; and the articles whose lint outcome
  is right (an error exactly when a sentence makes, hedges or reports a claim whose verdict
  is unsupported or refuted: what CK101 flags, read from the labels), and of the articles
  written to debunk myths (`debunking: true`), how many fail lint;
- stance: of the labelled pairs found, how many have the labelled stance, per stance, and with
  hedged and attributed as one class (the verdict rules treat them alike);
- CK301: of the sentences labelled as making a health claim no registered claim covers (and
  not denying or asking it), how many get CK301; of those labelled `none`, how many do;
- debunking: CK101 errors and CK302 warnings on sentences labelled as denying or asking.

`--misses` lists what was missed, what was found wrongly, whose stance was misread and where CK301
missed or misfired (development half only, unless a
half is named: the held-out half is for measuring, not for reading).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
REPOSITORY = HERE.parents[1]
REGISTRIES = {
    "crying": REPOSITORY / "claims",
    "fasting": HERE / "registries" / "fasting",
    "vitamin-c": HERE / "registries" / "vitamin-c",
    "apple-cider-vinegar": HERE / "registries" / "apple-cider-vinegar",
}
REACHES = ("explicit", "claim-anaphor", "inferred")
STANCES = ("asserted", "hedged", "negated", "attributed", "questioned")
MAKES = {"asserted", "hedged", "attributed"}


@dataclass
class Figures:
    labelled: int = 0
    predicted: int = 0
    correct: int = 0
    reach_seen: Counter[str] = field(default_factory=Counter)
    reach_found: Counter[str] = field(default_factory=Counter)
    articles: int = 0
    claims_made: int = 0
    claims_made_found: int = 0
    claims_reported: int = 0
    claims_reported_made: int = 0
    outcome_right: int = 0
    debunking: int = 0
    debunking_failing: int = 0
    debunking_failing_rightly: int = 0
    """Debunking articles that fail lint because they also make a failing claim themselves."""
    wrong_outcomes: list[str] = field(default_factory=list)
    """Articles whose lint outcome (error or not) is not the one their labels call for."""
    stance_right: Counter[str] = field(default_factory=Counter)
    stance_seen: Counter[str] = field(default_factory=Counter)
    merged_right: int = 0
    """Pairs found whose stance is the labelled one, hedged and attributed counting as one."""
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    unregistered: int = 0
    unregistered_flagged: int = 0
    none: int = 0
    none_flagged: int = 0
    denials: int = 0
    denials_flagged: int = 0
    """Sentences labelled as denying or asking a claim or word, and those given CK101/CK302."""
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)
    """Pairs found with another stance than the labelled one."""
    flagged_denials: list[str] = field(default_factory=list)
    unflagged_claims: list[str] = field(default_factory=list)
    """Unregistered health claims that got no CK301."""
    flagged_none: list[str] = field(default_factory=list)
    """Sentences making no health claim that got CK301."""

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    def reach_recall(self, reach: str) -> str:
        seen = self.reach_seen[reach]
        return f"{self.reach_found[reach] / seen:.2f} ({seen})" if seen else "–"

    def stance_accuracy(self, stance: str | None = None) -> float:
        seen = self.stance_seen[stance] if stance else sum(self.stance_seen.values())
        right = self.stance_right[stance] if stance else sum(self.stance_right.values())
        return right / seen if seen else float("nan")

    @property
    def merged_accuracy(self) -> float:
        seen = sum(self.stance_seen.values())
        return self.merged_right / seen if seen else float("nan")

    def add(self, other: Figures) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter | list):
                mine.update(value) if isinstance(value, Counter) else mine.extend(value)
            else:
                setattr(self, name, mine + value)


@cache
def registry(topic: str) -> Any:
    from claimkit import load_claims

    return load_claims(REGISTRIES[topic])


def label_files(topic: str | None = None) -> list[Path]:
    return sorted(
        path
        for path in (HERE / "labels").glob("*/*.yaml")
        if topic is None or path.parent.name == topic
    )


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _aligner(entries: list[dict[str, Any]]) -> Any:
    by_key = {(e["line"], _norm(e["text"])): n for n, e in enumerate(entries)}

    def align(line: int, text: str) -> int | None:
        key = (line, _norm(text))
        if key in by_key:
            return by_key[key]
        wanted = _norm(text)
        near = [
            n
            for n, e in enumerate(entries)
            if abs(e["line"] - line) <= 1
            and (wanted in _norm(e["text"]) or _norm(e["text"]) in wanted)
        ]
        return near[0] if near else None

    return align


def measure_article(path: Path) -> tuple[str, Figures]:
    from claimkit import lint_text, scan_text

    labels = yaml.safe_load(path.read_text(encoding="utf-8"))
    topic = path.parent.name
    article = HERE / "articles" / topic / f"{path.stem}.md"
    text = article.read_text(encoding="utf-8")
    claims = registry(topic)
    entries: list[dict[str, Any]] = labels["sentences"]
    align = _aligner(entries)
    figures = Figures()
    where = f"{topic}/{path.stem}"

    labelled = {
        (n, c["claim"]): c["stance"] for n, e in enumerate(entries) for c in e.get("claims") or []
    }
    reach = {
        (n, c["claim"]): c.get("reach", "explicit")
        for n, e in enumerate(entries)
        for c in e.get("claims") or []
    }
    predicted: dict[tuple[int | None, str], str] = {}
    for occurrence in scan_text(text, claims, "markdown", path=str(article)):
        n = align(occurrence.line, occurrence.text)
        predicted.setdefault((n, occurrence.claim), str(occurrence.stance))
    figures.labelled = len(labelled)
    figures.predicted = len(predicted)
    for key, stance in labelled.items():
        figures.reach_seen[reach[key]] += 1
        if key in predicted:
            figures.reach_found[reach[key]] += 1
            figures.correct += 1
            figures.stance_seen[stance] += 1
            figures.confusion[(stance, predicted[key])] += 1
            figures.merged_right += _merged(predicted[key]) == _merged(stance)
            if predicted[key] == stance:
                figures.stance_right[stance] += 1
            else:
                figures.misread.append(
                    f"{where}:{entries[key[0]]['line']}: {key[1]} "
                    f"({stance}, read {predicted[key]}): {entries[key[0]]['text']}"
                )
        else:
            figures.misses.append(
                f"{where}:{entries[key[0]]['line']}: {key[1]} ({stance}, {reach[key]}): "
                f"{entries[key[0]]['text']}"
            )
    for key in sorted(predicted.keys() - labelled.keys(), key=lambda k: (k[0] or -1, k[1])):
        n, claim = key
        shown = entries[n]["text"] if n is not None else "(sentence not in the labels)"
        line = entries[n]["line"] if n is not None else "?"
        figures.wrong.append(f"{where}:{line}: {claim} ({predicted[key]}): {shown}")

    made = {claim for _, claim in labelled}
    reported = {claim for _, claim in predicted}
    figures.articles = 1
    figures.claims_made, figures.claims_made_found = len(made), len(made & reported)
    figures.claims_reported, figures.claims_reported_made = len(reported), len(reported & made)

    flagged: dict[int | None, set[str]] = {}
    findings = lint_text(text, claims, path=str(article)).findings
    for finding in findings:
        flagged.setdefault(align(finding.line, finding.text), set()).add(finding.code)
    failing = {"unsupported", "refuted"}
    should_fail = any(
        stance in MAKES and str(claims[claim].evidence.verdict) in failing
        for (_, claim), stance in labelled.items()
    )
    fails = any(str(finding.severity) == "error" for finding in findings)
    figures.outcome_right = int(fails == should_fail)
    if labels.get("debunking"):
        figures.debunking, figures.debunking_failing = 1, int(fails)
        figures.debunking_failing_rightly = int(fails and should_fail)
    if fails != should_fail:
        figures.wrong_outcomes.append(
            f"{where}: lint {'fails' if fails else 'passes'}, labels call for "
            f"{'an error' if should_fail else 'none'}"
        )
    for n, entry in enumerate(entries):
        codes = flagged.get(n, set())
        if entry.get("health_claim") == "unregistered" and entry.get("stance") in MAKES:
            figures.unregistered += 1
            figures.unregistered_flagged += "CK301" in codes
            if "CK301" not in codes:
                figures.unflagged_claims.append(f"{where}:{entry['line']}: {entry['text']}")
        if entry.get("health_claim") == "none":
            figures.none += 1
            figures.none_flagged += "CK301" in codes
            if "CK301" in codes:
                figures.flagged_none.append(f"{where}:{entry['line']}: {entry['text']}")
        stances = {c["stance"] for c in entry.get("claims") or []}
        if stances and stances <= {"negated", "questioned"}:
            figures.denials += 1
            if codes & {"CK101", "CK302"}:
                figures.denials_flagged += 1
                wrong = ", ".join(sorted(codes & {"CK101", "CK302"}))
                figures.flagged_denials.append(f"{where}:{entry['line']}: {wrong}: {entry['text']}")
    return labels["half"], figures


def _merged(stance: str) -> str:
    return "hedged or attributed" if stance in ("hedged", "attributed") else stance


def measure(topic: str | None = None) -> dict[tuple[str, str], Figures]:
    """Figures by (topic, half), and by ("all", half)."""
    results: dict[tuple[str, str], Figures] = {}
    for path in label_files(topic):
        half, figures = measure_article(path)
        for key in ((path.parent.name, half), ("all", half)):
            results.setdefault(key, Figures()).add(figures)
    return results


def table(results: dict[tuple[str, str], Figures]) -> str:
    order = sorted(results.items(), key=lambda kv: (kv[0][0] == "all", kv[0]))
    rows = [
        "| topic | half | pairs | recall | "
        + " | ".join(REACHES)
        + " | precision | stance | stance, hedged = attributed | "
        + " | ".join(STANCES)
        + " | CK301 on unregistered | CK301 on none | CK101/CK302 on denials |",
        "|---|---|---|---|"
        + "---|" * len(REACHES)
        + "---|---|---|"
        + "---|" * len(STANCES)
        + "---|---|---|",
    ]
    for (topic, half), f in order:
        per_reach = " | ".join(f.reach_recall(reach) for reach in REACHES)
        per_stance = " | ".join(
            f"{f.stance_accuracy(s):.2f} ({f.stance_seen[s]})" if f.stance_seen[s] else "–"
            for s in STANCES
        )
        rows.append(
            f"| {topic} | {half} | {f.labelled} | {f.recall:.2f} | {per_reach} | "
            f"{f.precision:.2f} | {f.stance_accuracy():.2f} | {f.merged_accuracy:.2f} | "
            f"{per_stance} | "
            f"{f.unregistered_flagged}/{f.unregistered} | {f.none_flagged}/{f.none} | "
            f"{f.denials_flagged}/{f.denials} |"
        )
    rows += [
        "",
        "| topic | half | articles | claims made found | claims reported made | "
        "lint outcome right | debunking articles failing lint (rightly) |",
        "|---|---|---|---|---|---|---|",
    ]
    for (topic, half), f in order:
        rows.append(
            f"| {topic} | {half} | {f.articles} | "
            f"{_share(f.claims_made_found, f.claims_made)} | "
            f"{_share(f.claims_reported_made, f.claims_reported)} | "
            f"{f.outcome_right}/{f.articles} | {f.debunking_failing}/{f.debunking} "
            f"({f.debunking_failing_rightly}) |"
        )
    return "\n".join(rows)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topic")
    parser.add_argument("--half", choices=["dev", "heldout", "both"], default="both")
    parser.add_argument("--misses", action="store_true")
    options = parser.parse_args()
    results = measure(options.topic)
    shown = {k: v for k, v in results.items() if options.half in ("both", k[1])}
    print(table(shown))
    if options.misses:
        half = "dev" if options.half == "both" else options.half
        for (topic, which), figures in sorted(shown.items()):
            if which != half or topic == "all":
                continue
            print(f"\n## {topic} {which}: missed")
            print("\n".join(figures.misses))
            print(f"\n## {topic} {which}: found, not labelled")
            print("\n".join(figures.wrong))
            print(f"\n## {topic} {which}: stance misread")
            print("\n".join(figures.misread))
            print(f"\n## {topic} {which}: CK101/CK302 on a denial or question")
            print("\n".join(figures.flagged_denials))
            print(f"\n## {topic} {which}: unregistered health claims without CK301")
            print("\n".join(figures.unflagged_claims))
            print(f"\n## {topic} {which}: CK301 on a sentence making no health claim")
            print("\n".join(figures.flagged_none))
            print(f"\n## {topic} {which}: lint outcome not the one the labels call for")
            print("\n".join(figures.wrong_outcomes))


if __name__ == "__main__":
    sys.path.insert(0, str(REPOSITORY / "src"))
    main()
