"""Whose claim is it? A sentence's subject, and when it continues an earlier one.

Real copy rarely repeats its subject: "Crying has surprising benefits. It flushes out
toxins." — the second sentence makes the toxins claim about crying, whose name is only in the
first. So a sentence may take the subject of a claim (its context terms) from what it follows
— the sentence before, its paragraph, the list's lead-in, the heading above, the title —
but only when its own subject is missing ("Lowers blood pressure.", a list item, a heading)
or points back ("It", "This", "They", "These tears", "Doing so"). A sentence whose subject is
something else ("Daily walks lower blood pressure, too.", "Meditation reduces cortisol.")
makes no claim about crying, whatever paragraph it sits in.

The subject is read, without a parser, as the words before the claim's first required term,
less what opens a sentence without being its subject: connectives ("Also", "In fact"),
adverbs, reporting frames ("Studies show that", "According to experts,"), modal and
auxiliary verbs.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from claimkit.core.text import words_of
from claimkit.core.words import verb_forms

__all__ = ["continues_subject"]

# Words that point back to something said before, alone or before a noun ("This
# biochemical reaction", "These tears", "Such a release").
_ANAPHORS = frozenset(
    words_of(
        "it its it's itself this that these those they them their theirs such which one "
        "doing so both each either"
    )
)
# What a serving or a possession points back with: "taking it", "its weight-loss potential".
_POINTERS = frozenset(words_of("it this them these"))
_POSSESSIVES = frozenset(words_of("its their"))
# Words that point back alone ("This helps") or as determiners ("This drug"), when the noun
# after them is a general one ("This practice").
_DEMONSTRATIVES = frozenset(words_of("this that these those such"))
# Determiners that point back only before a general noun ("the practice", "your tears").
_POINTING = frozenset(words_of("the your our"))
_SHELL_NOUNS = frozenset(
    words_of(
        "practice practices habit habits act acts process response responses release "
        "releases method approach technique activity behaviour behavior reflex reaction "
        "reactions outlet effect effects benefit benefits routine ritual kind type form "
        "experience emotion emotions tears tear cry crying thing things remedy therapy "
        "treatment supplement supplements diet regimen plan protocol pattern schedule "
        "vitamin fasting one dose doses amount amounts intake"
    )
)
# What opens a sentence without being its subject.
_OPENERS = frozenset(
    words_of(
        "also and but or so yet plus then still thus hence however moreover furthermore "
        "additionally besides indeed actually really even further finally lastly first "
        "second third next another in addition fact truth short sum turn particular "
        "general fact addition contrast comparison as well surprisingly interestingly "
        "importantly notably perhaps maybe possibly probably likely certainly clearly "
        "apparently reportedly basically essentially ultimately generally often usually "
        "sometimes always never not only can could may might will would shall should must "
        "does do did is are was were be been being has have had also helps help "
        "well yes no oh unfortunately fortunately sadly luckily alas honestly"
    )
)
# Labels that number or name a section or a list item: "Myth 1", "Benefit #3:", "Fact:".
_LABELS = frozenset(
    words_of("myth myths fact facts truth reason reasons benefit benefits tip tips step way")
)
# A reporting frame ends with one of these: what follows is the reported clause ("Studies
# show that it", "Some say it", "People believe it").
_FRAME_ENDS = frozenset(words_of("that because since whereby when")) | verb_forms(
    *words_of("say claim believe think swear insist argue suggest report find show feel")
)
# What makes a sentence's own subject a serving of the one it continues: "taking it
# regularly", "people drink it to", "too much can".
_CONSUMING = verb_forms(*words_of("take drink use consume eat have add apply sip try"))
_QUANTITIES = frozenset(words_of("much little many"))
# Verbs of effect that open a predicate whose subject is elided: a heading or list item
# ("Lead to the reduction of manganese", "Promotes cellular repair") or the next verb of a
# sentence's subject ("It fuels your immune cells, supports collagen production"), in any
# of their forms; the word after must open an object or complement, so that the noun
# ("Support from friends lowers stress", "Cuts in salt") stays a subject.
_EFFECT_VERBS = verb_forms(
    *words_of(
        "lead result contribute promote support protect help aid boost improve enhance "
        "strengthen lower reduce decrease cut ease relieve soothe calm raise increase flush "
        "remove eliminate clear release fight combat prevent stop keep give make provide "
        "offer allow let bring fuel trigger cause cure treat heal fix speed shorten slow "
        "burn regulate balance stabilise stabilize restore detoxify draw encourage build "
        "repair"
    )
)
_COMPLEMENTS = frozenset(
    words_of(
        "to the a an your you our us their them his her its against up down out off away "
        "more less fewer better"
    )
)


def continues_subject(words: Sequence[str], first_anchor: int) -> bool:
    """Whether a sentence whose claim terms start at word ``first_anchor`` has no subject of
    its own there, or one that points back: then the subject is the one it continues."""
    region = list(words[:first_anchor])
    # A reporting frame or an introductory phrase: the subject follows it.
    for position in range(len(region) - 1, -1, -1):
        if region[position] in _FRAME_ENDS:
            region = region[position + 1 :]
            break
    while region and (region[0] in _OPENERS or region[0] in _LABELS or region[0].isdigit()):
        region = region[1:]
    if not region:
        return True  # elided: "Lowers blood pressure.", "Can also relieve pain."
    first = region[0]
    if _serves_what_went_before(region):
        return True
    if first in _DEMONSTRATIVES and len(region) > 1:
        # "This keeps glucose steady", "These tears", "This simple act": pointing back; "These
        # dangerous free radicals", "This drug": a subject of its own, named.
        after = region[1]
        return (
            after in _OPENERS
            or after in _EFFECT_VERBS
            or any(word in _SHELL_NOUNS for word in region[1:])
        )
    if first in _ANAPHORS:
        return True
    if first in _EFFECT_VERBS and (len(region) == 1 or region[1] in _COMPLEMENTS):
        return True  # a predicate without its subject
    # "The practice", and its possessive: "The vitamin's cold-shortening effect".
    return first in _POINTING and len(region) > 1 and region[1].removesuffix("'s") in _SHELL_NOUNS


def _serves_what_went_before(region: Sequence[str]) -> bool:
    """Whether the subject is a serving of what the sentence continues, or its possession:
    "taking it regularly", "people have been drinking it to", "too much", "its weight-loss
    potential" (at most one word before the possessive: "investigated its")."""
    if region[0] == "too" and len(region) > 1 and region[1] in _QUANTITIES:
        return True
    if not _POINTERS.isdisjoint(region) and any(
        word in _CONSUMING and following in _POINTERS for word, following in pairwise(region)
    ):
        return True
    return len(region) <= 2 and region[-1] in _POSSESSIVES
