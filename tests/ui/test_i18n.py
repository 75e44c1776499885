"""The window in Simplified Chinese: no English left on screen, Chinese data shown as it is."""

from __future__ import annotations

import platform
import re
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QTableView,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from attn_gui.core.dataset import DataError
from attn_gui.core.errors import Phrase
from attn_gui.core.io import TableError
from attn_gui.core.project import ProjectError
from attn_gui.ui.app import crash, i18n, settings
from attn_gui.ui.app.about import AboutDialog
from attn_gui.ui.app.core_text import sentence, translated
from attn_gui.ui.app.main_window import MainWindow

from .helpers import TIMEOUT, train_demo_twice, wait_for

# Words that stay as they are in a Chinese interface: names, abbreviations, notation.
TECHNICAL = {
    "Adam", "SGD", "ReLU", "relu", "tanh", "softmax", "sparsemax", "softplus", "sigmoid",
    "CSV", "TSV", "JSON", "PNG", "SVG", "UTF", "BOM", "IQR", "F1", "ROC", "AUC", "RMSE", "MAE", "MSE", "L2",
    "ID", "NumPy", "Attention", "Trainer", "ETA", "Tukey", "Q1", "Q3", "exp", "log", "ln",
    "sqrt", "abs", "sin", "cos", "min", "max", "pi", "ds", "dz", "z_i", "z_j", "z_0", "z_1",
    "W_a", "b_a", "g", "main.py", "predict", "train", "config", "Ctrl", "English", "Windows",
    "Latin", "e.g", "e^z",
}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z0-9_.^]*[A-Za-z0-9]", text)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _plain(text: str) -> str:
    """Rich text as the user reads it; `&` mnemonics dropped."""
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"&(?=\w)", "", text).replace("&amp;", "&")


def untranslated(texts: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    """Texts still in English: without Chinese, a word that is neither notation nor data;
    with Chinese, three such words in a row (an English clause glued to a translation)."""
    bad = []
    for where, raw in texts:
        text = _plain(raw)
        unknown = [w for w in _words(text) if w not in allowed and w.strip(".") not in allowed]
        if not unknown:
            continue
        if not _has_cjk(text) or re.search(r"(?:\b[A-Za-z]{2,}\b[ ,;:]+){2}\b[A-Za-z]{2,}\b",
                                           _strip(text, allowed)):
            bad.append(f"{where}: {raw!r}")
    return bad


def _strip(text: str, allowed: set[str]) -> str:
    for word in sorted(allowed, key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def visible_texts(window: MainWindow) -> list[tuple[str, str]]:
    """Every text the window can show: titles, menus, labels, buttons, tips, items, plots."""
    texts: list[tuple[str, str]] = [("window title", window.windowTitle()),
                                    ("status bar", window.statusBar().currentMessage())]

    def menu_texts(menu: QMenu, path: str) -> None:
        texts.append((f"menu {path}", menu.title()))
        if menu in (window.recent_menu, window.recent_projects_menu):
            return  # file paths
        for action in menu.actions():
            if action.menu() is not None:
                menu_texts(action.menu(), f"{path} ▸ {action.menu().title()}")
            elif not action.isSeparator():
                texts.append((f"action in {path}", action.text()))
                texts.append((f"status tip of {action.text()!r}", action.statusTip()))
                texts.append((f"tooltip of {action.text()!r}", action.toolTip()))

    for action in window.menuBar().actions():
        menu_texts(action.menu(), action.menu().title())
    return [(where, text) for where, text in texts if text] + widget_texts(window)


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """The texts of `root` and every widget inside it (a window, a dialog)."""
    texts: list[tuple[str, str]] = [("title", root.windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        texts.append((f"tooltip of {name}", widget.toolTip()))
        texts.append((f"status tip of {name}", widget.statusTip()))
        if isinstance(widget, QLabel):
            texts.append(("label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(("button", widget.text()))
        elif isinstance(widget, QGroupBox):
            texts.append(("group box", widget.title()))
        elif isinstance(widget, QLineEdit):
            texts.append(("placeholder", widget.placeholderText()))
        elif isinstance(widget, QAbstractSpinBox):
            texts.append(("spin box special value", widget.specialValueText()))
        elif isinstance(widget, QProgressBar):
            texts.append(("progress bar", widget.text()))
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                texts.append(("combo item", widget.itemText(i)))
                texts.append(("combo item tip", widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
                              or ""))
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                texts.append(("tab", widget.tabText(i)))
                texts.append(("tab tip", widget.tabToolTip(i)))
        elif isinstance(widget, pg.PlotWidget):
            item = widget.getPlotItem()
            texts.append(("plot title", item.titleLabel.text))
            for side in ("left", "bottom"):
                texts.append((f"{side} axis label", item.getAxis(side).labelText))
            if item.legend is not None:
                texts.extend(("legend", label.text) for _, label in item.legend.items)
        if isinstance(widget, QTableWidget):
            for i in range(widget.rowCount()):
                for j in range(widget.columnCount()):
                    cell = widget.item(i, j)
                    if cell is not None:
                        texts.append(("table cell", cell.text()))
                        texts.append(("table cell tip", cell.toolTip()))
        if isinstance(widget, QTableView):
            model = widget.model()
            if model is not None:
                for orientation, count in ((Qt.Orientation.Horizontal, model.columnCount()),
                                           (Qt.Orientation.Vertical, model.rowCount())):
                    for section in range(min(count, 50)):
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            header = model.headerData(section, orientation, role)
                            texts.append(("table header", str(header or "")))
    return [(where, text) for where, text in texts if text]


def demo_allowed(window: MainWindow) -> set[str]:
    """Column names and values of the data, as the table shows them."""
    table = window.data_panel.table()
    allowed = set(TECHNICAL) | {Path(table.path).name}
    for info in table.columns:
        allowed.update(_words(info.name))
        allowed.update(w for label in (info.labels or ()) for w in _words(label))
    for column in table.frame.columns:
        if table.frame[column].dtype == object:
            allowed.update(w for v in table.frame[column].dropna().unique()
                           for w in _words(str(v)))
    allowed.update(_words(table.path))
    return allowed


def test_the_trained_window_shows_no_english(qtbot, zh_cn, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    # A set size: an earlier test's window leaves its geometry in the settings, and a
    # narrower window elides names (an elided "softmax" reads as English to the checker).
    window.resize(1280, 800)
    window.reset_layout()
    window.show()
    # Two runs, so the runs table has rows and compares them: per-row attention, then none.
    train_demo_twice(qtbot, window)
    allowed = demo_allowed(window)
    runs = window.runs_view
    assert runs.table.rowCount() == 2
    runs.table.selectAll()  # both runs' curves in the comparison plots

    texts = []
    tabs = window.monitor.tabs
    assert tabs.count() == 4  # Training, Runs, Explain rows, Evaluate
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        if tabs.currentWidget() is window.explain_view:
            # the run without attention first: a sentence instead of rows
            texts += widget_texts(window.explain_view)
            tabs.setCurrentIndex(0)
            runs.table.selectRow(0)
            tabs.setCurrentIndex(index)
            wait_for(qtbot, lambda: window.explain_view.source is not None)
            assert window.explain_view.table.rowCount() > 0
        texts += visible_texts(window)
    assert len(texts) > 900  # the walk reached the panels, the menus and every tab
    joined = "\n".join(text for _, text in texts)
    for expected in ("文件(&F)", "训练设置", "最终指标（最佳轮次）", "注意力权重", "轮次",
                     "关闭", "逐行", "验证行", "特征"):
        assert expected in joined, expected
    bad = untranslated(texts, allowed)
    assert not bad, ("English left in the zh_CN window (add them to "
                     "resources/translations/attn_gui_zh_CN.ts via make translations-update):\n"
                     + "\n".join(bad))
    window.close()


def test_about_and_crash_dialogs_show_no_english(qtbot, zh_cn, window, tmp_path):
    window.actions["about"].trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    texts = widget_texts(about)
    joined = "\n".join(text for _, text in texts)
    for expected in ("关于 Attention Trainer", "运行环境", "复制版本信息", "关闭"):
        assert expected in joined, expected
    # Names and versions of the libraries and the platform are shown as they are.
    allowed = set(TECHNICAL) | {"MIT"} | {w for name, version in about.versions
                                          for w in _words(f"{name} {version}")}
    allowed.update(_words(platform.platform()))
    assert not untranslated(texts, allowed), untranslated(texts, allowed)
    about.close()

    reporter = crash.CrashReporter(window, tmp_path / "logs")
    error = ZeroDivisionError("division by zero")
    try:
        with qtbot.waitSignal(reporter.shown, timeout=TIMEOUT):
            reporter.report(ZeroDivisionError, error, None, "a test")
        dialog = reporter.dialog
        # A second error while the dialog is open is counted in it.
        reporter.report(ZeroDivisionError, error, None, "a test")
        wait_for(qtbot, lambda: "此后又出现了 1 个错误" in dialog.informativeText())
        # The error itself is in Python's words, as the log has it.
        assert dialog.text() == "出错了：ZeroDivisionError: division by zero"
        texts = [(where, text) for where, text in widget_texts(dialog) if text != dialog.text()]
        joined = "\n".join(text for _, text in texts)
        for expected in ("意外错误", "应用仍在运行", "显示详情"):
            assert expected in joined, expected
        allowed = set(TECHNICAL) | set(_words(str(reporter.log_path)))
        assert not untranslated(texts, allowed), untranslated(texts, allowed)
        dialog.accept()
    finally:
        reporter.uninstall()


def test_the_checker_finds_english(qtbot):
    texts = [("label", "Training settings"), ("tip", "训练设置 with some words left"),
             ("ok", "softmax"), ("ok", "第 3 轮 · CSV"), ("data", "west")]
    assert untranslated(texts, TECHNICAL | {"west"}) == [
        "label: 'Training settings'", "tip: '训练设置 with some words left'"]


def test_core_messages_are_translated_with_their_values(zh_cn):
    empty = DataError("the target '{target}' is empty in every row; choose another target",
                      target="x.csv")
    assert translated(empty) == "目标“x.csv”在每一行都为空；请选择其他目标"
    # The value is itself a core word, translated too.
    missing = ProjectError("no such {kind} file: '{path}'", kind=Phrase("model"), path="m.zip")
    assert translated(missing) == "找不到模型文件：“m.zip”"
    assert sentence(TableError("loading was cancelled")) == "已取消加载。"
    unknown = "a message the catalogue does not know"
    assert translated(unknown) == unknown
    assert sentence(unknown) == "A message the catalogue does not know."


def test_gb18030_chinese_headers_in_column_list_and_preview(qtbot, real_data):
    window = MainWindow()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.data_panel.tableLoaded, timeout=TIMEOUT):
        window.open_path(str(real_data / "pima_zh_gb18030.csv"))
    panel = window.data_panel
    expected = ["怀孕次数", "血糖", "血压", "皮褶厚度", "体重指数", "遗传系数", "年龄", "糖尿病"]
    listed = [panel.column_table.item(r, 0).text() for r in range(panel.column_table.rowCount())]
    assert listed == expected
    model = panel.preview_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == expected
    values = {model.data(model.index(r, 7)) for r in range(model.rowCount())}
    assert values == {"是", "否"}
    assert panel.target() == "糖尿病"
    window.close()


def test_language_follows_the_system_and_the_menu_choice():
    settings.write("language", "")
    assert i18n.effective_language(QLocale("zh_CN")) == "zh_CN"
    assert i18n.effective_language(QLocale("zh_TW")) == "zh_CN"  # the one Chinese shipped
    assert i18n.effective_language(QLocale("de_DE")) == "en"
    settings.write("language", "en")
    assert i18n.effective_language(QLocale("zh_CN")) == "en"
    settings.write("language", "")


def test_a_checkout_without_compiled_catalogues_still_switches_language(qapp, tmp_path,
                                                                        monkeypatch):
    # `python main.py` from a fresh checkout: only the .ts source is there, no `make`.
    import shutil

    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from attn_gui.ui.app import i18n

    from .conftest import TS_FILE

    shutil.copy(TS_FILE, tmp_path / TS_FILE.name)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    cache = tmp_path / "cache"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(cache))
    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        assert len(installed) == 2
        assert (cache / "translations" / "attn_gui_zh_CN.qm").is_file()
        assert QCoreApplication.translate("Options", "Learning rate") == "学习率"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
