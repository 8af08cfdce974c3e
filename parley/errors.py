"""The exceptions parley raises, in one tree.

    ParleyError                  anything parley reports to a user
    ├── InputError               one input (file, line, URL) cannot be read; the batch goes on
    │   └── FetchError           a URL could not be fetched
    ├── StoreError               the database cannot be opened, migrated or written
    └── SettingsError            a setting has an invalid value

Every message is one line written for an analyst: it names the input and says what is
wrong with it, not where in parley's code it went wrong.
"""

from __future__ import annotations

__all__ = ["FetchError", "InputError", "ParleyError", "SettingsError", "StoreError"]


class ParleyError(Exception):
    """Base of every error parley reports to its user."""


class InputError(ParleyError):
    """One input cannot be read: the message names it (and the line, for line formats)."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class FetchError(InputError):
    """A URL could not be fetched (no network, an HTTP error, a time-out)."""


class StoreError(ParleyError):
    """The store cannot be opened, migrated or written."""


class SettingsError(ParleyError):
    """A setting has an invalid value."""
