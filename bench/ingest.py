"""Benchmark: ingest N generated news-like documents; report documents/s and peak memory.

A benchmark, not a test: run it with `make bench` or `python bench/ingest.py --docs 10000`.
The generated articles are built from our own sentence fragments with varied names,
numbers and dates, so that they are distinct (no near-duplicates) like a real news feed.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARTIES = [
    "Russia",
    "Ukraine",
    "Turkey",
    "the United States",
    "the United Nations",
    "Saudi Arabia",
    "the European Union",
    "Qatar",
    "the Vatican",
    "China",
    "Brazil",
    "South Africa",
]
CITIES = [
    "Istanbul",
    "Geneva",
    "Riyadh",
    "Jeddah",
    "Ankara",
    "Doha",
    "Minsk",
    "Vienna",
    "Kyiv",
    "Moscow",
    "Brussels",
    "Anchorage",
    "Abu Dhabi",
    "Rome",
    "Paris",
    "Berlin",
    "Warsaw",
]
TOPICS = [
    "a ceasefire along the front line",
    "an exchange of prisoners of war",
    "the return of deported children",
    "safety at the Zaporizhzhia nuclear plant",
    "grain exports through the Black Sea",
    "security guarantees for Kyiv",
    "a pause in strikes on energy infrastructure",
    "sanctions relief for Russian banks",
    "the status of occupied regions",
    "a meeting between the two presidents",
]
VERBS = [
    "discussed",
    "argued over",
    "made little progress on",
    "agreed to keep talking about",
    "exchanged written proposals on",
    "set up working groups on",
    "reported progress on",
]
OFFICIALS = [
    "the foreign minister",
    "a presidential aide",
    "the chief negotiator",
    "a senior diplomat",
    "the defence minister",
    "a government spokesperson",
]
WORDS = [
    "delegation",
    "talks",
    "round",
    "memorandum",
    "proposal",
    "envoy",
    "summit",
    "corridor",
    "truce",
    "exchange",
    "guarantee",
    "monitor",
    "mission",
    "draft",
    "statement",
    "deadline",
    "session",
    "mediator",
    "host",
]


SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "dor",
    "vi",
    "sha",
    "tel",
    "no",
    "bru",
    "gan",
    "pe",
    "ros",
    "val",
    "ky",
    "iv",
    "mar",
    "den",
    "hol",
    "ost",
]
TEMPLATES = [
    "In {city}, delegations of {party} and {party2} {verb} {topic}, {official} {name} said.",
    "{official} {name} told reporters in {city} that {party} was ready to discuss {topic}.",
    "After {n} hours of talks, {party} and {party2} {verb} {topic}, according to {name}.",
    "{name}, {official} of {party}, warned that {topic} could take {n} more weeks.",
    "The {word} {word2} prepared by {party} mentions {topic} and {n} other points.",
    "{party} said on {day} it would send {n} {word} experts to {city} for {topic}.",
    "Officials in {city} reported {n} new {word} proposals about {topic} from {party2}.",
    "{name} and {name2} met in {city} to review {topic} and the {word} {word2}.",
]


def _name(rng: random.Random) -> str:
    first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return f"{first} {last}"


def make_article(rng: random.Random, serial: int) -> dict[str, object]:
    city, party_a, party_b = rng.choice(CITIES), *rng.sample(PARTIES, 2)
    sentences = [
        rng.choice(TEMPLATES).format(
            city=rng.choice(CITIES),
            party=rng.choice(PARTIES),
            party2=rng.choice(PARTIES),
            verb=rng.choice(VERBS),
            topic=rng.choice(TOPICS),
            official=rng.choice(OFFICIALS),
            name=_name(rng),
            name2=_name(rng),
            n=rng.randint(2, 5000),
            word=rng.choice(WORDS),
            word2=rng.choice(WORDS),
            day=rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        )
        for _ in range(rng.randint(12, 24))
    ]
    body = " ".join(sentences)
    day = f"20{rng.randint(22, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"bench-{serial}",
        "url": f"https://news{serial % 50}.example.org/{day.replace('-', '/')}/story-{serial}",
        "outlet": None,
        "published": day,
        "lang": None,
        "title": f"{party_a} and {party_b} meet in {city} (report {serial})",
        "text": f"{party_a} and {party_b} meet in {city}\n\n{body}",
    }


def print_result(result: dict[str, object], *, as_json: bool) -> None:
    """Print a benchmark's figures: one JSON object, or aligned lines for a person."""
    if as_json:
        print(json.dumps(result))
        return
    width = max(len(k) for k in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for serial in range(args.docs):
                out.write(json.dumps(make_article(rng, serial)) + "\n")
        words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
        db = Path(folder) / "bench.db"
        command = [
            sys.executable,
            "-m",
            "parley",
            "--db",
            str(db),
            "ingest",
            "--no-analyze",
            str(corpus),
        ]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        stats = json.loads(
            subprocess.run(
                [sys.executable, "-m", "parley", "--db", str(db), "stats", "--format", "json"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    if done.returncode != 0:
        sys.exit(f"ingest failed ({done.returncode}): {done.stderr[-2000:]}")
    result = {
        "benchmark": "ingest",
        "documents": args.docs,
        "stored": stats["documents"],
        "duplicates": stats["duplicates"],
        "words": words,
        "seconds": round(seconds, 2),
        "documents_per_s": round(args.docs / seconds, 1),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }
    print_result(result, as_json=args.json)


if __name__ == "__main__":
    main()
