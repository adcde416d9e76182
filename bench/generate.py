"""Generate the benchmark corpus and registries.

    python bench/generate.py OUT_DIR [--articles 2000] [--seed 7]

writes OUT_DIR/corpus/ (health articles in Markdown, 600-1,200 words each),
OUT_DIR/registry-{10,100,1000,10000}/ (valid claim files) and OUT_DIR/registry-covering/
(the 1,000 claims the corpus makes, one per intervention and outcome: the registry a site
would lint against). Articles mix neutral prose with
sentences that make claims about interventions and outcomes, in every stance, with the
markup real articles carry: front matter, headings, lists, links, emphasis, tables, footnotes.
Every registry holds the same ten claims about real interventions, which the corpus makes;
the rest use invented interventions that no article mentions, but the same outcome and verb
vocabulary ("help", "improve", "blood pressure"), so that a larger registry costs the index
more without changing what is found. Output is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

INTERVENTIONS = [
    "crying",
    "laughing",
    "walking",
    "green tea",
    "turmeric",
    "yoga",
    "cold showers",
    "fasting",
    "meditation",
    "napping",
    "dark chocolate",
    "coffee",
    "fish oil",
    "garlic",
    "ginger",
    "cinnamon",
    "blueberries",
    "sauna",
    "stretching",
    "journaling",
    "gardening",
    "singing",
    "dancing",
    "swimming",
    "cycling",
    "probiotics",
    "oat bran",
    "spinach",
    "almonds",
    "honey",
    "apple cider vinegar",
    "lemon water",
    "kombucha",
    "pilates",
    "tai chi",
    "acupuncture",
    "massage",
    "breathwork",
    "sunlight",
    "cold plunges",
    "red wine",
    "olive oil",
    "lentils",
    "broccoli",
    "kale",
    "beetroot juice",
    "matcha",
    "chamomile",
    "peppermint",
    "lavender",
]
# Invented interventions widen the registry to 10,000 distinct claims without changing what
# the articles say: most of them never occur in the corpus, as in a real large registry.
SYLLABLES = ["zor", "bex", "mal", "tri", "von", "kel", "dra", "pim", "sul", "qua", "rix", "tem"]
OUTCOMES = [
    ("blood pressure", ["lowers", "reduces", "brings down"]),
    ("immune system", ["boosts", "strengthens", "supports"]),
    ("mood", ["improves", "lifts", "boosts"]),
    ("stress", ["relieves", "reduces", "eases"]),
    ("sleep", ["improves", "deepens", "helps"]),
    ("inflammation", ["reduces", "fights", "lowers"]),
    ("memory", ["sharpens", "improves", "boosts"]),
    ("digestion", ["aids", "improves", "supports"]),
    ("cholesterol", ["lowers", "reduces", "cuts"]),
    ("blood sugar", ["stabilises", "lowers", "regulates"]),
    ("skin", ["clears", "heals", "rejuvenates"]),
    ("energy", ["boosts", "increases", "restores"]),
    ("anxiety", ["eases", "reduces", "calms"]),
    ("heart health", ["improves", "protects", "supports"]),
    ("bone density", ["increases", "improves", "protects"]),
    ("focus", ["sharpens", "improves", "boosts"]),
    ("toxins", ["flushes", "removes", "eliminates"]),
    ("metabolism", ["speeds up", "boosts", "revs up"]),
    ("pain", ["relieves", "eases", "dulls"]),
    ("weight loss", ["speeds", "helps", "promotes"]),
]
STANCE_TEMPLATES = [
    "{I} {verb} {outcome}.",
    "Research shows that {i} {verb} {outcome}.",
    "{I} may help improve {outcome}, some studies suggest.",
    "There is no good evidence that {i} {verb} {outcome}.",
    "According to one nutritionist, {i} {verb} {outcome}.",
    "Does {i} really help with {outcome}?",
    "Many people say {i} {verb} their {outcome}.",
    "{I} {verb} {outcome}, which is why we recommend it to every reader.",
]
FILLER = [
    "Small changes add up over weeks and months, so be patient with yourself.",
    "If you take medication, talk to your doctor before changing your routine.",
    "Everyone responds differently, and what works for a friend may not suit you.",
    "The best habits are the ones you can keep up, e.g. a short walk after lunch.",
    "Dr. Patel, a family physician, sees these questions in her clinic every week.",
    "Keep a simple diary for a fortnight and look back at what changed.",
    "A balanced diet, regular sleep and time outdoors remain the foundations.",
    "Prices vary widely, so compare brands and read the label carefully.",
    "Children and pregnant women may need different advice from a specialist.",
    "This article is for general information and is not a substitute for medical care.",
    "Many readers wrote in after our last issue, and we read every message.",
    "Set a reminder on your phone if you tend to forget new routines.",
    "Start slowly, for instance with five minutes a day, and build from there.",
    "Approx. one in three adults says they struggle to find time for exercise.",
    "Hydration matters too: most adults need about 1.5 to 2 litres a day.",
]
DOIS = ["10.1037/emo0000633", "10.1016/j.jesp.2021.104137", "10.1007/s11031-015-9507-9"]


def invented(index: int) -> str:
    rng = random.Random(index)
    return "".join(rng.choice(SYLLABLES) for _ in range(3)) + f"-{index}"


def sentence(rng: random.Random, topic: str) -> str:
    if rng.random() < CLAIM_SHARE:
        return rng.choice(FILLER)
    intervention = topic if rng.random() < ON_TOPIC else rng.choice(INTERVENTIONS)
    outcome, verbs = rng.choice(OUTCOMES)
    text = rng.choice(STANCE_TEMPLATES).format(
        I=intervention.capitalize(), i=intervention, verb=rng.choice(verbs), outcome=outcome
    )
    if rng.random() < 0.15:
        text = text[:-1] + f" ([source](https://doi.org/{rng.choice(DOIS)}))."
    if rng.random() < 0.1:
        words = text.split()
        position = rng.randrange(len(words))
        words[position] = f"*{words[position]}*"
        text = " ".join(words)
    return text


def article(rng: random.Random, number: int) -> str:
    topic = rng.choice(INTERVENTIONS)
    title = f"What {topic} can and cannot do for you"
    parts = [f"---\ntitle: {title}\nauthor: Staff writer {number}\n---\n", f"# {title}\n"]
    target_words = rng.randint(600, 1200)
    words = 0
    while words < target_words:
        outcome = rng.choice(OUTCOMES)[0]
        parts.append(f"## {topic.capitalize()} and {outcome}\n")
        for _ in range(rng.randint(2, 4)):
            roll = rng.random()
            if roll < 0.15:
                block = "\n".join(
                    f"- {sentence(rng, topic).rstrip('.')}" for _ in range(rng.randint(3, 5))
                )
            elif roll < 0.2:
                rows = "\n".join(
                    f"| {sentence(rng, topic)} | {rng.randint(1, 9)} |" for _ in range(3)
                )
                block = f"| Claim | Rating |\n|---|---|\n{rows}"
            elif roll < 0.25:
                block = f"```\nprint('{topic} {outcome}')\n```"
            else:
                block = " ".join(sentence(rng, topic) for _ in range(rng.randint(3, 7)))
            parts.append(block + "\n")
            words += len(block.split())
    parts.append(f"[^1]: See https://doi.org/{rng.choice(DOIS)} for one study.\n")
    return "\n".join(parts)


CORE_CLAIMS = 10
CLAIM_SHARE = 0.9
"""The share of sentences that make no claim; health copy is mostly context and advice."""
ON_TOPIC = 0.8
"""How often a claim is about the article's own topic rather than another intervention."""


def claim_file(number: int, covering: bool = False) -> str:
    if covering:
        intervention = INTERVENTIONS[number % len(INTERVENTIONS)]
        outcome, verbs = OUTCOMES[number // len(INTERVENTIONS)]
    elif number < CORE_CLAIMS:
        intervention = INTERVENTIONS[number]
        outcome, verbs = OUTCOMES[number]
    else:
        intervention = invented(number)
        outcome, verbs = OUTCOMES[number % len(OUTCOMES)]
    return f"""\
id: bench.claim-{number:05d}
statement: {intervention.capitalize()} {verbs[0]} {outcome}.
topic: bench
evidence:
  certainty: {["high", "moderate", "low", "very-low", "none"][number % 5]}
  verdict: {["supported", "mixed", "unsupported", "unsupported", "refuted"][number % 5]}
  summary: A generated claim for benchmarking; it says nothing about real evidence.
  citations:
    - ref: doi:10.5555/bench.{number}
      title: Generated citation {number}
      stance: background
      note: Generated for the benchmark; not a real work.
match:
  required:
    - [{outcome}]
    - [{", ".join(verbs)}, help, improve]
  context:
    - [{intervention}]
review:
  status: draft
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    corpus = options.out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(options.articles):
        text = article(rng, number)
        (corpus / f"article-{number:04d}.md").write_text(text, encoding="utf-8")
        total += len(text.encode())
    for size in (10, 100, 1000, 10000):
        registry = options.out / f"registry-{size}"
        registry.mkdir(parents=True, exist_ok=True)
        for number in range(size):
            (registry / f"claim-{number:05d}.yaml").write_text(claim_file(number), encoding="utf-8")
    covering = options.out / "registry-covering"
    covering.mkdir(parents=True, exist_ok=True)
    for number in range(len(INTERVENTIONS) * len(OUTCOMES)):
        text = claim_file(number, covering=True)
        (covering / f"claim-{number:05d}.yaml").write_text(text, encoding="utf-8")
    print(f"{options.articles} articles, {total / 1e6:.1f} MB, in {corpus}")


if __name__ == "__main__":
    main()
