"""parley's settings, declared once: name, default and help.

Values are resolved in this order, later ones winning: the defaults below, a
`parley.toml` file (the current folder's, or the one `PARLEY_CONFIG` names), environment
variables `PARLEY_<NAME>`, and finally options given on the command line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import SettingsError

__all__ = ["SETTINGS", "Settings", "load_settings"]

DEFAULT_INCLUDE = (
    "*.txt,*.md,*.markdown,*.html,*.htm,*.json,*.jsonl,*.ndjson,*.csv,"
    "*.rss,*.atom,*.xml,*.warc,*.arc,*.gz"
)


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Every setting parley reads; see SETTINGS for the documented list."""

    db: str = _setting("parley.db", "The store: a SQLite file path or any SQLAlchemy database URL.")
    include: str = _setting(
        DEFAULT_INCLUDE, "Comma-separated file name patterns read when ingesting a folder."
    )
    max_document_bytes: int = _setting(
        5_000_000, "Largest single article (or whole-file input such as .txt or .html) read."
    )
    min_text_chars: int = _setting(
        40, "Articles with fewer characters of text after cleaning are skipped as empty."
    )
    near_duplicate_threshold: float = _setting(
        0.5, "Estimated word-shingle Jaccard similarity at which two texts are near-duplicates."
    )
    minhash_permutations: int = _setting(128, "Permutations in each text's MinHash signature.")
    shingle_words: int = _setting(3, "Words per shingle when comparing texts for near-duplicates.")
    fetch_timeout: float = _setting(20.0, "Seconds to wait for a URL before giving up.")

    def digest(self) -> str:
        """sha256 of the settings that change what is stored (the store's location excluded)."""
        values = {k: v for k, v in dataclasses.asdict(self).items() if k != "db"}
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with the given settings changed; None values are ignored."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


SETTINGS: tuple[tuple[str, Any, str], ...] = tuple(
    (f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
)


def _coerce(name: str, value: Any, default: Any, origin: str) -> Any:
    kind = type(default)
    try:
        if kind is int and not isinstance(value, bool):
            return int(value)
        if kind is float:
            return float(value)
        return str(value)
    except (TypeError, ValueError) as e:
        raise SettingsError(
            f"setting {name!r} from {origin} must be a {kind.__name__}, not {value!r}"
        ) from e


def load_settings(
    *, config: Path | None = None, environ: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Resolve settings from defaults, a parley.toml file, PARLEY_* variables and overrides."""
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    defaults = {name: default for name, default, _ in SETTINGS}
    path = config or (Path(environ["PARLEY_CONFIG"]) if "PARLEY_CONFIG" in environ else None)
    if path is None and Path("parley.toml").is_file():
        path = Path("parley.toml")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"{path}: cannot read settings ({e})") from e
        for name, value in data.items():
            if name not in defaults:
                raise SettingsError(f"{path}: unknown setting {name!r}")
            values[name] = _coerce(name, value, defaults[name], str(path))
    for name, default in defaults.items():
        env_name = f"PARLEY_{name.upper()}"
        if env_name in environ:
            values[name] = _coerce(name, environ[env_name], default, env_name)
    for name, value in overrides.items():
        if value is not None:
            values[name] = _coerce(name, value, defaults[name], "the command line")
    return Settings(**values)
