"""The errors that carry a sentence for the user, as opposed to a bug's traceback.

A `UserError` keeps its English template and the values that fill it apart, so the window
translates the template itself (`QCoreApplication.translate("CoreMessages", template)`)
and fills in the same values, while the command line prints the English sentence:

    raise DataError("unknown target column '{name}'; the columns are: {columns}",
                    name=target, columns=", ".join(table.columns))

A value that is itself interface language rather than data (a setting's name, a nested
message) is a `Phrase` or a `UserError`, and the window translates it too; any other value
(a column name, a number, a path) is shown as it is.
"""

from __future__ import annotations

from typing import Any

__all__ = ["USER_ERRORS", "Phrase", "UserError"]


class Phrase(str):
    """English words of the interface passed as a template's value ("learning rate")."""

    __slots__ = ()


class UserError(ValueError):
    """One sentence for the user: `template` filled with `values`.

    Its message is one line: names read from a file may hold line breaks, shown escaped.
    """

    def __init__(self, template: str, **values: Any) -> None:
        self.template = template
        self.values = values
        super().__init__(template.format(**values) if values else template)

    def __str__(self) -> str:
        return super().__str__().replace("\r", "\\r").replace("\n", "\\n")


# Every module's own error (TableError, DataError, FormulaError, ...) derives from UserError.
USER_ERRORS = (UserError,)
