"""The public API: `parley.__all__` is pinned, and every name in it can be imported."""

from __future__ import annotations

import importlib

import pytest

import parley

EXPECTED_ALL = [
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


def test_api_all_is_pinned() -> None:
    assert parley.__all__ == EXPECTED_ALL


def test_api_all_is_sorted_without_repeats() -> None:
    assert parley.__all__ == sorted(set(parley.__all__))


@pytest.mark.parametrize("name", EXPECTED_ALL)
def test_api_name_is_importable(name: str) -> None:
    module = importlib.import_module("parley")
    assert hasattr(module, name)
    namespace: dict[str, object] = {}
    exec(f"from parley import {name}", namespace)  # the import statement a user writes
    assert namespace[name] is getattr(parley, name)


def test_api_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from parley import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(EXPECTED_ALL)


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("FetchError", "InputError"),
        ("InputError", "ParleyError"),
        ("StoreError", "ParleyError"),
        ("SettingsError", "ParleyError"),
        ("ParleyError", "Exception"),
    ],
)
def test_api_errors_form_one_tree(name: str, base: str) -> None:
    base_class = Exception if base == "Exception" else getattr(parley, base)
    assert issubclass(getattr(parley, name), base_class)


def test_api_version_is_a_string() -> None:
    assert isinstance(parley.__version__, str)
    assert parley.__version__
