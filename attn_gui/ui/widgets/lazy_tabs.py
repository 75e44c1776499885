"""Tab pages built the first time they are shown or asked for.

The Runs and Explain pages hold plots the window's first frame never shows; building
them on first use takes their cost (and their modules' imports) off start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs(QObject):
    """Placeholder pages in `tabs` that turn into real ones through `page(key)`.

    A built page replaces its placeholder at the same index, so `tabs.currentWidget()`
    and `tabs.setCurrentWidget(page)` work on the real widget afterwards.
    """

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)  # lives and dies with the tab widget
        self.tabs = tabs
        self._builders: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        self._pages: dict[str, QWidget] = {}
        # Connected before anyone else's slot, so theirs see the real page.
        tabs.currentChanged.connect(self._on_current)

    def add(self, key: str, title: str, build: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        self.tabs.addTab(placeholder, title)
        self._builders[key] = (placeholder, build)

    def built(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    def page(self, key: str) -> QWidget:
        if key not in self._pages:
            placeholder, build = self._builders.pop(key)
            page = self._pages[key] = build()
            index = self.tabs.indexOf(placeholder)
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):  # the same tab stays current: nothing changed
                title = self.tabs.tabText(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, page, title)
                self.tabs.setCurrentIndex(current)
            placeholder.deleteLater()
        return self._pages[key]

    def _on_current(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for key, (placeholder, _) in list(self._builders.items()):
            if widget is placeholder:
                self.page(key)
