"""Find duplicates: the exact same text (after normalization), and near-duplicates (the
same wire story with edits, a spun copy) by MinHash over word shingles.

Signatures are split into LSH bands; the store keeps each original's band keys, so a
candidate search is a few indexed look-ups however large the store grows, and the
estimated similarity of each candidate is checked against the threshold.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Fingerprint", "fingerprint", "normalize_for_hash", "similarity", "text_hash"]

_WORD = re.compile(r"\w+")
_SEED = 1


@dataclass(frozen=True)
class Fingerprint:
    """What dedup needs of one text: its exact hash, its MinHash signature and LSH band keys."""

    text_hash: str
    signature: bytes | None
    bands: tuple[str, ...]


def normalize_for_hash(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation: what "the same text" compares."""
    return _WORD.findall(text.casefold())


def _hash_words(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def text_hash(text: str) -> str:
    """sha256 of the normalized words, so whitespace, case and punctuation edits still match."""
    return _hash_words(normalize_for_hash(text))


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=8).hexdigest()


def _band_layout(permutations: int) -> tuple[int, int]:
    # 4 rows a band: candidates from about 0.4 estimated similarity, checked afterwards.
    rows = 4
    return permutations // rows, rows


@functools.cache
def _empty_minhash(permutations: int) -> Any:
    # Imported here: datasketch loads SciPy, which would slow every command's start.
    from datasketch import MinHash

    return MinHash(num_perm=permutations, seed=_SEED)


def fingerprint(text: str, *, permutations: int = 128, shingle_words: int = 3) -> Fingerprint:
    """Hash, MinHash signature and band keys of a text; no signature for very short texts."""
    words = normalize_for_hash(text)
    exact = _hash_words(words)
    if len(words) < 4 * shingle_words:
        return Fingerprint(exact, None, ())
    minhash = _empty_minhash(permutations).copy()
    shingles = {
        " ".join(words[i : i + shingle_words]) for i in range(len(words) - shingle_words + 1)
    }
    minhash.update_batch([s.encode() for s in shingles])
    values = minhash.hashvalues.astype(np.uint64)
    bands, rows = _band_layout(permutations)
    keys = tuple(
        f"{band}:{_digest(values[band * rows : (band + 1) * rows].tobytes())}"
        for band in range(bands)
    )
    return Fingerprint(exact, values.tobytes(), keys)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets from their signatures."""
    first = np.frombuffer(a, dtype=np.uint64)
    second = np.frombuffer(b, dtype=np.uint64)
    if first.shape != second.shape:
        return 0.0
    return float(np.count_nonzero(first == second)) / len(first)
