"""parley: a peace-process tracker built from news.

The library comes first; the `parley` command is a thin shell over these functions.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("parley")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

from parley.clean import clean_text
from parley.errors import FetchError, InputError, ParleyError, SettingsError, StoreError
from parley.ingest import IngestReport, ingest
from parley.settings import Settings, load_settings
from parley.store import Store, open_store
from parley.types import Document, RawDocument, Removal

__all__ = [
    "Document",
    "FetchError",
    "IngestReport",
    "InputError",
    "ParleyError",
    "RawDocument",
    "Removal",
    "Settings",
    "SettingsError",
    "Store",
    "StoreError",
    "__version__",
    "clean_text",
    "ingest",
    "load_settings",
    "open_store",
]
