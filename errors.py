"""The one exception type a user can cause: bad file, unknown format, empty corpus."""

from __future__ import annotations


class CitegraphError(Exception):
    """A problem the user can fix; the message names the file and what to do.

    Args:
        message: what is wrong and what to do about it.
        path: the input file concerned, if any.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)
