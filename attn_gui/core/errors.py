"""The errors that carry a sentence for the user, as opposed to a bug's traceback."""

from __future__ import annotations

__all__ = ["USER_ERRORS", "UserError"]


class UserError(ValueError):
    """Its message is one line: names read from a file may hold line breaks, shown escaped."""

    def __str__(self) -> str:
        return super().__str__().replace("\r", "\\r").replace("\n", "\\n")


# Every module's own error (TableError, DataError, FormulaError, ...) derives from UserError.
USER_ERRORS = (UserError,)
