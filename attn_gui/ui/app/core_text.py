"""English sentences from attn_gui.core, shown in the window in the user's language.

The core stays free of Qt and speaks English, which the command line prints as it is.
Rather than thread message ids through every `raise` in the core, the window recognises
each message by its template, translates the template and fills in the values: a value
written in quotes ('{0}') is a name from the user's data and stays as it is; any other is
translated too when it is itself a core message or phrase (e.g. "learning rate"). The
templates are listed with QT_TRANSLATE_NOOP so pyside6-lupdate extracts them;
tests/ui/test_core_text.py fails, naming the message, when the core gains one these lists
lack. A message that matches no template is shown in English rather than lost.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreMessages"

TEMPLATES: tuple[str, ...] = (
    # command.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a feature's name holds a comma, which --features cannot express; use the run's "
        "configuration file with --config instead"),
    # config.py
    QT_TRANSLATE_NOOP("CoreMessages", "the number of epochs must be a whole number ≥ 1, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the batch size must be a whole number ≥ 1, not {0}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "patience must be a whole number ≥ 0 (0 turns early stopping off), not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the validation fraction must be between 0 and 1, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} must be a finite number ≥ 0, not {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "hidden layer sizes must be whole numbers ≥ 1, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the seed must be a whole number ≥ 0, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the configuration must be a JSON object of settings"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown setting(s) {0}; known: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot read the configuration file '{0}': {1}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the configuration file '{0}' is not valid JSON (line {1}: {2})"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} must be one of {1}, not '{2}'"),
    QT_TRANSLATE_NOOP("CoreMessages", "the {0} must be a finite number > 0, not {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' must be a list of whole numbers, e.g. [64, 32]"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' must be a list of column names"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' must be a whole number, not {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' must be a number, not {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' must be text, not {1}"),
    # dataset.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' is empty in every row; choose another target"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no row of the target '{0}' holds a number; choose another target or use --task "
        "classification"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no row of the target '{0}' holds a value; choose another target"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the feature column(s) {0} hold no value in the rows where '{1}' has one; choose other "
        "features"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' holds values too far from the others to model (beyond ±3.4e38 after "
        "scaling); rescale it or remove those rows"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no row of the validation file has a usable target value; use another --valid-data file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the validation set is empty: {0} rows with a target value are too few to set some aside; "
        "use a larger file or validation fraction"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown target column '{0}'; the columns are: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown feature column(s) {0}; the columns are: {1}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no usable feature column besides the target '{0}' (the others are excluded as IDs, "
        "constant or empty); choose features with --features"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' has only one class{1}; a classifier needs at least two: choose another "
        "target or use --task regression"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' has {1} classes in {2} rows, too many to learn; use --task regression "
        "for a numeric target"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "--positive applies to a target with two classes; '{0}' has {1} classes"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the validation file lacks column(s) {0} that the training file has; use a file with the "
        "same columns"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "fewer than 2 training rows have a target value; the file is too small to train on"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' holds numbers too large to model (beyond ±1e154); rescale it"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the target '{0}' has the same value in every training row; there is nothing to predict"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no training rows are left after preprocessing; choose another missing-value or outlier "
        "setting"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the training rows of '{0}' hold only one class after preprocessing; choose another "
        "missing-value or outlier setting"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the positive class '{0}' is not a class of '{1}'; the classes are: {2}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "column(s) {0} hold numbers too large to train on (beyond ±3.4e38 after scaling); "
        "rescale them or leave them out"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file lacks the feature column(s) {0}"),
    # formula.py
    QT_TRANSLATE_NOOP("CoreMessages", "the formula must be on one line; remove the line breaks"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} ({1}) is not allowed; {2}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the operator '{0}' is not allowed; allowed operators are + - * / **"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'^' ({0}) is not a power here: use ** for powers, e.g. z**2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the number {0} is too large; numbers must be below about 1e308"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' is a function: call it with parentheses, e.g. {1}(z)"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown name '{0}': use z, i, n, pi or e"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "only functions called by name can be used ({0} is not allowed), e.g. exp(z)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'{0}' is not a function, so {1} is not allowed; use * to multiply, e.g. {2}*(z + 1)"),
    QT_TRANSLATE_NOOP("CoreMessages", "function '{0}' is not allowed; allowed: {1}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "keyword arguments ({0}) are not allowed; pass plain arguments, e.g. {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} takes {1} {2} (got {3}); write it like {4}"),
    QT_TRANSLATE_NOOP("CoreMessages", "syntax error at {0}: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula is too complex to read ({0})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula cannot be read: {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula must be text, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula is empty; type an expression in z, e.g. exp(z)"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula is too long ({0} characters; at most {1})"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the formula is nested too deeply (more than {0} levels); simplify it"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the formula is too complex ({0} parts; at most {1}); simplify it"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the derivative of this formula is too large ({0} parts; at most {1}); simplify the "
        "formula"),
    QT_TRANSLATE_NOOP("CoreMessages", "the formula is too complex ({0})"),
    # predict.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the file lacks the column(s) {0} that the model was trained on"),
    # preprocess.py
    QT_TRANSLATE_NOOP("CoreMessages", "the outlier threshold must be a number > 0, not {0}"),
    # project.py
    QT_TRANSLATE_NOOP("CoreMessages", "the model file '{0}' is damaged: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot write the model file '{0}': {1}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the project '{0}' holds no trained model yet; train a run and save the project first"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'{0}' is not an Attention Trainer model file, or it is damaged"),
    QT_TRANSLATE_NOOP("CoreMessages", "no such {0} file: '{1}'"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' is a folder, not a {1} file"),
    QT_TRANSLATE_NOOP("CoreMessages", "no permission to read the {0} file '{1}'"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'{0}' is not an Attention Trainer {1} file, or it is damaged"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' is not an Attention Trainer model file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "'{0}' was written by a newer Attention Trainer (format {1}); update the app to open it"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the model file '{0}' is damaged (its contents do not match the format)"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot write the project file '{0}': {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' is not an Attention Trainer project file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the project file '{0}' is damaged"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the project file '{0}' is damaged (its contents do not match the format)"),
    # table.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the file has only one data row, so every column is constant; a table to learn from needs "
        "many rows"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the file mixes encodings: lines that are not valid UTF-8 were decoded as Windows-1252; if "
        "accented letters look wrong, re-save the file as UTF-8"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file '{0}' has no values, only delimiters"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not find a table in '{0}': it looks like {1}, not CSV/TSV text"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not find a table in '{0}': it is compressed (gzip); extract the CSV first"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{0} rows have fewer fields than the header; their last columns were read as missing"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "column '{0}': {1} infinite values (inf, or numbers beyond ±1.8e308) were treated as "
        "missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "columns without a name in the header were called {0}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "no column can serve as the target: every column is an ID, constant or empty"),
    QT_TRANSLATE_NOOP("CoreMessages", "'{0}' is a folder, not a file"),
    QT_TRANSLATE_NOOP("CoreMessages", "no such file: '{0}'"),
    QT_TRANSLATE_NOOP("CoreMessages", "permission denied: cannot read '{0}'"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read '{0}': {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file '{0}' is empty"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the first line looks like data, not column names, so the columns are named column_1, "
        "column_2, …"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not find a table in '{0}': it looks like an Excel workbook; save it as CSV (File "
        "> Save As) and open that"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not find a table in '{0}': it looks like a binary file, not CSV/TSV text"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "decoded as {0}: the file is not valid UTF-8; if accented letters look wrong, re-save it "
        "as UTF-8"),
    QT_TRANSLATE_NOOP("CoreMessages", "loading was cancelled"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not decode '{0}' as text"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "some bytes are not valid {0} and were replaced by '�'; re-save the file as UTF-8 to "
        "keep those characters"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not read '{0}' as a table: {1} of {2} rows have more fields than the header; "
        "check the delimiter and that there is one header line"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "{0} rows had more fields than the header and were skipped (the first on line {1})"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file '{0}' is too large to load into memory"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the file '{0}' is {1}; reading it needs about {2} of memory, but only {3} is "
        "available: open an export with fewer rows or columns, or close other programs"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "could not read '{0}' as a table: a quote (\") opened in data row {1} is never closed"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read '{0}' as a table: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} empty rows were skipped"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file has a header but no data rows"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "column '{0}': {1} non-numeric values ({2}) were treated as missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "unnamed first column (an index written by R or pandas)"),
    QT_TRANSLATE_NOOP("CoreMessages", "all missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "all values missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "constant (every value is {0})"),
    QT_TRANSLATE_NOOP("CoreMessages", "every value is {0}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "consecutive whole numbers {0}, one per row (looks like a row ID)"),
    QT_TRANSLATE_NOOP("CoreMessages", "mean {0}, range {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0}% {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} levels: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "unique per row (looks like an ID)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} distinct values, e.g. {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "free text: {0} distinct values in {1} rows"),
    QT_TRANSLATE_NOOP("CoreMessages", "duplicate column names were made unique: {0}"),
    # training.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the run diverged at epoch {0}; try a smaller learning rate (the best weights so far are "
        "kept)"),
    # weighting.py
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the formula '{0}' gave a negative or non-finite score; use a score that is positive for "
        "every logit, e.g. exp(z) or softplus(z)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "every feature got a zero score, so the weights are undefined; use a score that is "
        "positive somewhere (e.g. add a small constant)"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown weighting '{0}'; choose one of {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the temperature must be a positive number, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the base must be a number greater than 1, not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the linear score must be softplus or relu, not '{0}'"),
    QT_TRANSLATE_NOOP("CoreMessages", "the positional decay must be in (0, 1], not {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the custom weighting needs a formula, e.g. exp(z) * 0.9**i"),
    QT_TRANSLATE_NOOP("CoreMessages", "formula refused: {0}"),
)


# Parts of the messages above, never a whole message: tried only on the values a message
# holds (a short generic phrase such as "column {0}" would otherwise swallow any message
# that starts like it and has no template of its own).
PHRASES: tuple[str, ...] = (
    # config.py
    QT_TRANSLATE_NOOP("CoreMessages", "learning rate"),
    QT_TRANSLATE_NOOP("CoreMessages", "attention learning-rate factor"),
    # dataset.py: long lists of columns
    QT_TRANSLATE_NOOP("CoreMessages", "{0} and {1} more"),
    # formula.py
    QT_TRANSLATE_NOOP("CoreMessages", "attribute access"),
    QT_TRANSLATE_NOOP("CoreMessages", "indexing"),
    QT_TRANSLATE_NOOP("CoreMessages", "a lambda"),
    QT_TRANSLATE_NOOP("CoreMessages", "a comprehension"),
    QT_TRANSLATE_NOOP("CoreMessages", "a generator expression"),
    QT_TRANSLATE_NOOP("CoreMessages", "a comparison"),
    QT_TRANSLATE_NOOP("CoreMessages", "an if/else expression"),
    QT_TRANSLATE_NOOP("CoreMessages", "assignment (:=)"),
    QT_TRANSLATE_NOOP("CoreMessages", "an f-string"),
    QT_TRANSLATE_NOOP("CoreMessages", "a dict"),
    QT_TRANSLATE_NOOP("CoreMessages", "a set"),
    QT_TRANSLATE_NOOP("CoreMessages", "a list"),
    QT_TRANSLATE_NOOP("CoreMessages", "a tuple"),
    QT_TRANSLATE_NOOP("CoreMessages", "a starred argument"),
    QT_TRANSLATE_NOOP("CoreMessages", "a {0} expression"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "use only numbers, z, i, n, pi, e, + - * / ** and functions such as exp(z)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a complex number"),
    QT_TRANSLATE_NOOP("CoreMessages", "the constant {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "an unknown position"),
    QT_TRANSLATE_NOOP("CoreMessages", "column {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "argument"),
    QT_TRANSLATE_NOOP("CoreMessages", "arguments"),
    # project.py: the kind of file
    QT_TRANSLATE_NOOP("CoreMessages", "model"),
    QT_TRANSLATE_NOOP("CoreMessages", "project"),
    # schema.py: what is wrong inside a damaged model file
    QT_TRANSLATE_NOOP("CoreMessages", "{0} must be {1}, not {2}"),
    QT_TRANSLATE_NOOP("CoreMessages", "the contents"),
    QT_TRANSLATE_NOOP("CoreMessages", "true or false"),
    QT_TRANSLATE_NOOP("CoreMessages", "a whole number from {0} to {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a positive finite number"),
    QT_TRANSLATE_NOOP("CoreMessages", "a finite number"),
    QT_TRANSLATE_NOOP("CoreMessages", "text of at most {0} characters"),
    QT_TRANSLATE_NOOP("CoreMessages", "one of {0}"),
    QT_TRANSLATE_NOOP("CoreMessages", "a list of at most {0} items"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object of at most {0} entries"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} has unknown entries: {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} lack {1}"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0}: {1}"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "groups must name one input column, below n_features, per feature"),
    QT_TRANSLATE_NOOP("CoreMessages", "a regression network has exactly one output"),
    # table.py
    QT_TRANSLATE_NOOP("CoreMessages", "Windows-1252 (Western European)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a web page (HTML/XML)"),
    QT_TRANSLATE_NOOP("CoreMessages", "{0} of the first {1}"),
)

_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_FULL_STOPS = (".", "!", "?", "。", "！", "？")


class _Pattern(NamedTuple):
    template: str
    regex: re.Pattern[str]
    numbers: tuple[int, ...]  # the placeholder number of each group, in order
    data: frozenset[int]  # placeholders written in quotes ('{0}'): names and values, kept as is


def _compile(template: str) -> _Pattern:
    parts = _PLACEHOLDER.split(template)
    # split() alternates literal text and placeholder numbers.
    regex = "".join(re.escape(p) if k % 2 == 0 else "(.*?)" for k, p in enumerate(parts))
    data = frozenset(int(n) for n in re.findall(r"'\{(\d+)\}'", template))
    return _Pattern(template, re.compile(regex, re.DOTALL), tuple(map(int, parts[1::2])), data)


@cache
def _patterns(with_phrases: bool) -> tuple[_Pattern, ...]:
    """Each template as a regular expression, the most literal text first.

    Generic templates ("{0} must be one of {1}, not '{2}'") then only catch what the
    specific ones leave.
    """
    templates = TEMPLATES + PHRASES if with_phrases else TEMPLATES
    compiled = [_compile(template) for template in templates]
    return tuple(sorted(compiled, key=lambda p: len(_PLACEHOLDER.sub("", p.template)),
                        reverse=True))


_ATTENTION_MODES = {
    "global": QT_TRANSLATE_NOOP("CoreMessages", "global"),
    "row": QT_TRANSLATE_NOOP("CoreMessages", "per row"),
    "off": QT_TRANSLATE_NOOP("CoreMessages", "off"),
}


def attention_mode(mode: str) -> str:
    """A run's attention setting ("global", "row", "off") as a word of the interface."""
    return QCoreApplication.translate(CONTEXT, _ATTENTION_MODES.get(mode, mode))


def translated(message: str) -> str:
    """`message` in the interface language, if it is one of the core's; else unchanged."""
    return _translated(message, _patterns(with_phrases=False))


def _translated(text: str, patterns: tuple[_Pattern, ...]) -> str:
    for pattern in patterns:
        match = pattern.regex.fullmatch(text)
        if match:
            values = [""] * (max(pattern.numbers) + 1) if pattern.numbers else []
            for number, value in zip(pattern.numbers, match.groups(), strict=True):
                values[number] = (value if number in pattern.data
                                  else _translated(value, _patterns(with_phrases=True)))
            return QCoreApplication.translate(CONTEXT, pattern.template).format(*values)
    return text


def sentence(message: str) -> str:
    """A core message as a sentence: the core writes lower-case clauses for the CLI."""
    message = translated(message.strip())
    if not message:
        return message
    message = message[0].upper() + message[1:]
    if message.endswith(_FULL_STOPS):
        return message
    return message + ("。" if _has_cjk(message) else ".")


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)
