"""CK303 hidden-characters."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from claimkit.core.enums import Severity
from claimkit.linting.findings import Finding
from claimkit.linting.rules.base import ArticleContext, ArticleRule

# Bidirectional embeddings, overrides and isolates: they reorder what is displayed, so the
# text a reader sees is not the text that is checked ("Trojan Source"). The marks LRM and RLM
# (U+200E, U+200F) only nudge neutral characters and are left alone.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Zero-width characters with no typographic job inside a Latin word. The soft hyphen is a
# hyphenation hint publishers use on purpose, and joiners shape Arabic, Indic scripts and
# emoji, so those are not flagged (claimkit still reads words across them).
ZERO_WIDTH = "\u180e\u200b\u2060\ufeff"
_HIDDEN = re.compile(
    f"[{BIDI_CONTROLS}]|(?<=[^\\W\\d_])[{ZERO_WIDTH}]+(?=[^\\W\\d_])"
    f"|(?<=[A-Za-z])[\u200c\u200d]+(?=[A-Za-z])"
)


class HiddenCharacters(ArticleRule):
    """## What it does
    Flags characters in the prose that a reader cannot see but that change what is checked:
    bidirectional controls (the embeddings, overrides and isolates U+202A to U+202E and
    U+2066 to U+2069) anywhere, and zero-width characters (zero-width space, word joiner,
    byte order mark; a zero-width joiner or non-joiner between Latin letters) inside a word.

    ## Why is this bad?
    A right-to-left override makes "sknart" display as "tnarks", so the sentence an editor
    reads is not the one that was checked; a zero-width space inside "Crying" leaves the word
    looking whole while splitting it in two for a machine. Such characters arrive by accident
    from copy-pasting, or on purpose to slip a claim past review. claimkit reads words across
    zero-width and bidirectional control characters and in their compatibility form (NFKC) so
    that matching is not fooled, but the text that will be published still carries them.

    ## Example
    ```markdown
    Crying low⟨U+200B⟩ers blood pressure.
    ```
    (with a zero-width space where ⟨U+200B⟩ is written: the finding shows hidden characters
    this way)

    ## Use instead
    Delete the hidden characters (an editor's "show invisibles" view reveals them), or retype
    the word. Soft hyphens and joiners that shape a script are not flagged.

    ## Options
    None. Ignore it for a file with `per-file-ignores` if its text is meant to hold them.
    """

    code = "CK303"
    name = "hidden-characters"
    severity = Severity.WARNING

    def check(self, context: ArticleContext) -> Iterator[Finding]:
        for sentence in context.document.sentences:
            if sentence.text.isascii():  # every character it flags is outside ASCII
                continue
            found = list(_HIDDEN.finditer(sentence.text))
            if not found:
                continue
            named = ", ".join(
                dict.fromkeys(
                    f"U+{ord(match[0][0]):04X} {unicodedata.name(match[0][0])}" for match in found
                )
            )
            shown = _shown(sentence.text)
            yield self.finding(
                context,
                sentence,
                f"hides characters a reader cannot see ({named}): {shown}",
                "Delete the hidden characters, or retype the words around them.",
            )


def _shown(text: str, width: int = 80) -> str:
    """The sentence with each hidden character written as ⟨U+XXXX⟩, around the first one."""
    first = _HIDDEN.search(text)
    start = max(0, first.start() - width // 2) if first else 0
    visible = re.sub(
        f"[{BIDI_CONTROLS}{ZERO_WIDTH}\u200c\u200d]",
        lambda match: f"\u27e8U+{ord(match[0]):04X}\u27e9",
        text[start : start + width],
    )
    return ("…" if start else "") + visible + ("…" if start + width < len(text) else "")
