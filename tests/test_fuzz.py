"""Fuzzing: whatever an article, its front matter or a claim file holds, claimkit answers
with a result or a one-line error, and an exit code in {0, 1, 2} — never a traceback.

Inputs are built from the pieces that make parsers work hard (Markdown and HTML syntax,
YAML, citations, directives, control and bidi characters, claim words) and from arbitrary
text. The budget is bounded: `CLAIMKIT_FUZZ_EXAMPLES` examples per test (default 60), so
that CI stays fast; raise it for a long run on your machine.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.cli import cli
from tests.conftest import EXAMPLE_REGISTRY, VALID_CLAIM

BUDGET = settings(
    max_examples=int(os.environ.get("CLAIMKIT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

PIECES = [
    "Crying lowers blood pressure",
    "tears flush toxins",
    "There is no evidence that",
    "may",
    "not",
    "?",
    ". ",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "* ",
    "**",
    "_",
    "`",
    "```",
    "    ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "https://doi.org/10.1037/emo0000633",
    "[@doi:10.1016/j.jesp.2021.104137]",
    "[^1]",
    "[^1]: ",
    "pmid:7294117",
    "<a",
    "<a href='",
    "</a>",
    "<p>",
    "</p>",
    "<!--",
    "-->",
    "<!-- claimkit-ignore CK101 -->",
    "<!-- claimkit-disable -->",
    "<!-- claimkit-enable -->",
    "<script>",
    "</script>",
    "<table>",
    "<td>",
    "&amp;",
    "&#x",
    "&#0;",
    "|",
    "---",
    "\x00",
    "\x1b[2J",
    "\x07",
    "\u202e",
    "\u200b",
    "\ufeff",
    "é",
    "😢",
    "\r\n",
    "\t",
    "\\",
    '"',
    "'",
    ":",
    "{",
    "}",
]
article = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=40).map("".join)
yaml_piece = st.sampled_from(
    [
        "title: ",
        "date: 2027-02-30",
        "date: 2024-01-01",
        "claimkit:",
        "  ignore: [CK101]",
        "  reason: x",
        "ignore: CK1",
        "- ",
        "[",
        "{",
        "&a ",
        "*a",
        "!!python/object ",
        "? ",
        "0x" + "f" * 50,
        "9" * 120,
        "~",
        "null",
        "'",
        '"',
        "\n",
        "  ",
        ": ",
        "---",
        "...",
    ]
)
yaml_text = st.lists(yaml_piece | st.text(max_size=12), max_size=30).map("".join)


@contextmanager
def site() -> Iterator[Path]:
    """A fresh content repository with the small example registry (three claims)."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        shutil.copytree(EXAMPLE_REGISTRY, root / "claims")
        yield root


def invoke(root: Path, *args: str) -> Result:
    current = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, list(args), prog_name="claimkit")
    finally:
        os.chdir(current)


def answers_without_a_traceback(result: Result) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@BUDGET
@given(text=article, suffix=st.sampled_from([".md", ".html", ".txt"]))
def test_any_article_gets_an_answer(text: str, suffix: str) -> None:
    with site() as root:
        (root / f"post{suffix}").write_text(text, encoding="utf-8", errors="surrogatepass")
        for command in ("lint", "scan"):
            answers_without_a_traceback(invoke(root, command, f"post{suffix}", "-j", "1"))


@BUDGET
@given(front_matter=yaml_text, body=article)
def test_any_front_matter_gets_an_answer(front_matter: str, body: str) -> None:
    with site() as root:
        (root / "post.md").write_text(
            f"---\n{front_matter}\n---\n\n{body}", encoding="utf-8", errors="surrogatepass"
        )
        answers_without_a_traceback(invoke(root, "lint", "post.md", "-j", "1"))
        answers_without_a_traceback(invoke(root, "report", "post.md", "-o", "review.html"))


@BUDGET
@given(
    line=st.integers(min_value=0, max_value=VALID_CLAIM.count("\n") - 1),
    replacement=yaml_text,
)
def test_any_damaged_claim_file_gets_an_answer(line: int, replacement: str) -> None:
    lines = VALID_CLAIM.splitlines()
    lines[line] = replacement
    with site() as root:
        (root / "claims" / "fuzzed.yaml").write_text(
            "\n".join(lines), encoding="utf-8", errors="surrogatepass"
        )
        (root / "post.md").write_text("Crying lowers blood pressure.\n")
        answers_without_a_traceback(invoke(root, "claims", "check"))
        answers_without_a_traceback(invoke(root, "lint", "post.md", "-j", "1"))


@BUDGET
@given(config=yaml_text)
def test_any_configuration_gets_an_answer(config: str) -> None:
    with site() as root:
        (root / ".claimkit.yaml").write_text(config, encoding="utf-8", errors="surrogatepass")
        (root / "post.md").write_text("Crying lowers blood pressure.\n")
        answers_without_a_traceback(invoke(root, "lint", "post.md", "-j", "1"))
