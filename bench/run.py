"""Run every benchmark and print one table: extraction quality on ../shared/dev (when that
folder is beside this checkout) and throughput. `make bench` runs this.

Each later issue adds its figures here: a row per layer from `parley eval`, a row per
throughput benchmark.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent / "shared" / "dev"


def _run(*args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


def _fmt(value: object) -> str:
    if value is None:
        return "not available"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--docs", type=int, default=10_000, help="documents for the ingest benchmark"
    )
    parser.add_argument("--analyze-docs", type=int, default=300, help="documents to analyze")
    parser.add_argument(
        "--dev", type=Path, default=DEV, help="folder with articles.jsonl and gold.jsonl"
    )
    args = parser.parse_args()

    rows: list[tuple[str, str, str]] = []
    if args.dev.is_dir():
        quality = _run("-m", "parley", "eval", str(args.dev), "--json")
        rows.append(("eval", "articles", _fmt(quality["articles"])))
        layers = quality["layers"]
        assert isinstance(layers, dict)
        for layer, figures in layers.items():
            if figures is None:
                rows.append((f"eval {layer}", "f1", "not available"))
                continue
            for key, value in figures.items():
                if key in ("f1", "p", "r", "accuracy") or key.endswith("_accuracy"):
                    rows.append((f"eval {layer}", key, _fmt(value)))
    else:
        print(f"skipping parley eval: {args.dev} does not exist", file=sys.stderr)

    analysis = _run(str(HERE / "analyze.py"), "--docs", str(args.analyze_docs), "--json")
    for key in (
        "model",
        "bare_documents_per_s",
        "bare_words_per_s",
        "parley_documents_per_s",
        "parley_words_per_s",
        "overhead_percent",
    ):
        rows.append(("analyze", key, _fmt(analysis[key])))

    ingest = _run(str(HERE / "ingest.py"), "--docs", str(args.docs), "--json")
    for key in ("documents", "seconds", "documents_per_s", "words_per_s", "peak_rss_mb"):
        rows.append(("ingest", key, _fmt(ingest[key])))

    width = [max(len(row[i]) for row in rows) for i in range(3)]
    print(f"{'benchmark':<{width[0]}}  {'figure':<{width[1]}}  value")
    for name, figure, value in rows:
        print(f"{name:<{width[0]}}  {figure:<{width[1]}}  {value}")


if __name__ == "__main__":
    main()
