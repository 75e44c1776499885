"""The core's messages in the window's language, against the core's source and catalogue.

Every template the core raises or passes on as a Phrase is read from its syntax tree (by
resources/translations/extract_core.py, which also feeds `make translations-update`) and
must be translated in the zh_CN catalogue with the same placeholders: else it reaches a
Chinese window in English, or fails to fill in.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import string
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest

from attn_gui.cli import build_parser, config_from_args
from attn_gui.core.config import ConfigError, TrainConfig
from attn_gui.core.dataset import DataError, prepare
from attn_gui.core.errors import Phrase, UserError
from attn_gui.core.io import TableError, read_table
from attn_gui.core.preprocess import PreprocessSpec, validate_preprocess
from attn_gui.core.project import ProjectError, load_model, load_project
from attn_gui.core.weighting import WeightingError, WeightingSpec, validate_spec
from attn_gui.ui.app.core_text import sentence, translated
from tests.corpus import expected

from .conftest import TS_FILE
from .test_i18n import TECHNICAL, untranslated

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "extract_core", ROOT / "resources" / "translations" / "extract_core.py")
extract_core = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extract_core)

def catalogue() -> dict[str, ElementTree.Element]:
    """The CoreMessages entries of the zh_CN catalogue: source -> <translation>."""
    for context in ElementTree.parse(TS_FILE).getroot().iter("context"):
        if context.findtext("name") == "CoreMessages":
            return {m.findtext("source"): m.find("translation") for m in context.iter("message")}
    return {}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_core_template_is_translated_with_its_placeholders():
    templates, _ = extract_core.core_templates()
    # The walk reached calls of error classes, of Phrase, and of an error class passed in.
    for known in ("unknown target column '{target}'; the columns are: {columns}",
                  "model", "the contents", "{setting} must be one of {allowed}, not '{value}'"):
        assert known in templates, known
    assert len(templates) > 70
    entries = catalogue()
    problems = []
    for template, places in templates.items():
        translation = entries.get(template)
        if translation is None:
            problems.append(f"{places[0]}: not in the catalogue: {template!r}")
        elif translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not translation.text:
            problems.append(f"{places[0]}: not translated: {template!r}")
        elif placeholders(translation.text) != placeholders(template):
            problems.append(f"{places[0]}: placeholders differ: {template!r} -> "
                            f"{translation.text!r}")
    assert not problems, ("run `make translations-update` and translate, in "
                          f"{TS_FILE.name}:\n" + "\n".join(problems))


def test_core_templates_are_literals_filled_by_their_call():
    """A template computed at run time cannot be in the catalogue; a placeholder without a
    value fails when the error is raised, a value without a placeholder is lost."""
    unfilled = []
    for site in extract_core.template_sites():
        if site.texts is None or any(k.arg is None for k in site.call.keywords):
            continue  # computed, or filled with **values: checked where it is raised
        named = {k.arg for k in site.call.keywords}
        unfilled += [f"{site.where}: {text!r} with {sorted(named)}" for text in site.texts
                     if placeholders(text) != named]
    assert not unfilled, "\n".join(unfilled)
    _, computed = extract_core.core_templates()
    assert not computed, "templates computed at run time:\n" + "\n".join(computed)


@pytest.fixture
def chinese_columns(tmp_path) -> Path:
    """A file whose column names are the user's: Chinese, spaces, 14 of them."""
    names = ["年龄", "column 3", *(f"c{k}" for k in range(11)), "label"]
    rng = np.random.default_rng(0)
    rows = [",".join(f"{v:.3f}" for v in rng.normal(size=13)) + f",{'yes' if k % 2 else 'no'}"
            for k in range(40)]
    path = tmp_path / "data.csv"
    path.write_text(",".join(names) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _refusal(call, *args, **kwargs) -> UserError:
    with pytest.raises(UserError) as refused:
        call(*args, **kwargs)
    return refused.value


def test_a_refused_target_is_chinese_with_the_users_names(zh_cn, chinese_columns):
    error = _refusal(prepare, read_table(chinese_columns), TrainConfig(target="收入 total"))
    assert isinstance(error, DataError)
    assert str(error) == (
        "unknown target column '收入 total'; the columns are: '年龄', 'column 3', 'c0', 'c1', "
        "'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9' and 2 more")
    assert sentence(error) == (
        "未知的目标列“收入 total”；现有的列：'年龄', 'column 3', 'c0', 'c1', 'c2', 'c3', 'c4', "
        "'c5', 'c6', 'c7', 'c8', 'c9' 以及另外 2 个。")


def test_a_missing_file_names_its_kind_in_chinese(zh_cn, tmp_path):
    path = tmp_path / "model file.zip"
    error = _refusal(load_model, path)
    assert str(error) == f"no such model file: '{path}'"
    assert translated(error) == f"找不到模型文件：“{path}”"
    error = _refusal(load_project, tmp_path)
    assert str(error) == f"'{tmp_path}' is a folder, not a project file"
    assert translated(error) == f"“{tmp_path}”是文件夹，不是项目文件"


def test_a_damaged_models_detail_is_translated_too(zh_cn, tmp_path):
    path = tmp_path / "m.zip"
    arrays = io.BytesIO()
    np.savez(arrays)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("model.json", json.dumps({"format": "attn-gui-model", "version": 1}))
        zf.writestr("params.npz", arrays.getvalue())
    error = _refusal(load_model, path)
    assert str(error) == (f"the model file '{path}' is damaged: the contents lack 'config', "
                          "'net', 'positive', 'preprocessor', 'summary', 'target', 'target_info'")
    assert translated(error) == (f"模型文件“{path}”已损坏：文件内容 缺少 'config', 'net', "
                                 "'positive', 'preprocessor', 'summary', 'target', "
                                 "'target_info'")


def test_bad_settings_are_chinese(zh_cn):
    error = _refusal(TrainConfig(lr=-1.0).validate)
    assert isinstance(error, ConfigError)
    assert str(error) == "Learning rate must be a finite number > 0, not -1.0"
    assert sentence(error) == "学习率必须是 > 0 的有限数，而不是 -1.0。"
    # A model file's preprocessing is checked by the same function, with its own error.
    error = _refusal(validate_preprocess, PreprocessSpec(scaling="log"), ProjectError)
    assert str(error) == "scaling must be one of zscore, minmax, robust, none, not 'log'"
    assert translated(error) == "scaling必须是 zscore, minmax, robust, none 之一，而不是“log”"
    error = _refusal(validate_spec, WeightingSpec(kind="custom", formula=" "))
    assert isinstance(error, WeightingError)
    assert sentence(error) == "自定义加权需要一个公式，例如 exp(z) * 0.9**i。"


def test_english_is_the_command_lines_sentence(chinese_columns):
    table = read_table(chinese_columns)
    error = _refusal(prepare, table, TrainConfig(target="label", task="regression", positive="x"))
    assert str(error) == "--positive applies to a target with two classes; 'label' has no classes"
    error = _refusal(validate_spec, WeightingSpec(temperature=-1.0))
    assert str(error) == "the temperature must be a positive number, not -1.0"
    # A name read from a file stays one line.
    error = DataError("the target '{target}' is empty in every row; choose another target",
                      target="two\nlines")
    assert str(error) == "the target 'two\\nlines' is empty in every row; choose another target"
    assert "\n" not in translated(error)


def test_the_window_translates_values_that_are_interface_words(zh_cn):
    error = ProjectError("no permission to read the {kind} file '{path}'",
                         kind=Phrase("project"), path="p.atproj")
    assert translated(error) == "没有权限读取项目文件“p.atproj”"
    # A plain string is data (or an error the catalogue does not know): shown as it is.
    assert translated("model") == "model"
    unknown = UserError("a message the catalogue does not know")
    assert translated(unknown) == "a message the catalogue does not know"
    assert sentence(unknown) == "A message the catalogue does not know."


def corpus_messages(corpus_file) -> list[tuple[str, object]]:
    """(the expected English, what the core gave) for every sentence of the bad-file corpus:
    the reader's refusal, or its notes and the refusal to train."""
    found: list[tuple[str, object]] = []
    for name, entry in expected().items():
        path = corpus_file(name)
        try:
            table = read_table(path)
            table.default_target()  # a table without one is refused, as the window does
        except TableError as exc:
            found.append((entry["refused"], exc))
            continue
        found += zip(entry["warnings"], table.warnings, strict=True)
        if entry["train"] != "ok":
            args = build_parser().parse_args(["train", str(path), *entry.get("train_args", [])])
            found.append((entry["train"], _refusal(prepare, table, config_from_args(args))))
    return found


def _allowed(message: str) -> set[str]:
    """What may stay as it is: quoted names, command-line options and notation."""
    words = set(TECHNICAL) | {"inf", "gzip", "HTML", "XML"}
    for quoted in re.findall(r"'([^']*)'", message):
        words.update(re.findall(r"[A-Za-z][A-Za-z0-9_.^]*[A-Za-z0-9]", quoted))
    for option in re.findall(r"--[a-z-]+(?: [a-z]+)?", message):
        words.update(re.findall(r"[a-z]+", option))
    return words


def test_the_corpus_sentences_are_english_for_the_cli_and_chinese_in_the_window(
        zh_cn, corpus_file):
    messages = corpus_messages(corpus_file)
    assert len(messages) > 30
    assert [str(said) for _, said in messages] == [english for english, _ in messages]
    english = [f"{english!r} -> {shown!r}" for english, said in messages
               for shown in [sentence(said)]
               if untranslated([("message", shown)], _allowed(english))
               or not any("\u4e00" <= c <= "\u9fff" for c in shown)]
    assert not english, "corpus sentences not in Chinese:\n" + "\n".join(english)
