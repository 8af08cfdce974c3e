"""Benchmark: analysis throughput of parley's pipeline against the bare spaCy model.

Both run in this process over the same generated articles (our own sentence templates,
see ingest.py), after a warm-up; the figure that matters is the overhead parley's
components add to the model's own time (target: at most 30 %).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import make_article, print_result

from parley.nlp import build_nlp, load_model, make_doc


def _timed(nlp, texts: list[str], published: date) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for _ in nlp.pipe((make_doc(nlp, text, published) for text in texts), batch_size=32):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    rng = random.Random(11)
    texts = [str(make_article(rng, serial)["text"]) for serial in range(args.docs)]
    words = sum(len(text.split()) for text in texts)
    published = date(2025, 5, 16)
    bare, model_name = load_model(args.model)
    full, _ = build_nlp(model=args.model)
    _timed(bare, texts[:20], published)
    _timed(full, texts[:20], published)
    bare_seconds = _timed(bare, texts, published)
    full_seconds = _timed(full, texts, published)
    result = {
        "benchmark": "analyze",
        "model": model_name,
        "documents": args.docs,
        "words": words,
        "bare_documents_per_s": round(args.docs / bare_seconds, 1),
        "bare_words_per_s": round(words / bare_seconds),
        "parley_documents_per_s": round(args.docs / full_seconds, 1),
        "parley_words_per_s": round(words / full_seconds),
        "overhead_percent": round(100 * (full_seconds - bare_seconds) / bare_seconds, 1),
    }
    print_result(result, as_json=args.json)


if __name__ == "__main__":
    main()
