"""What the frozen app carries, kept apart from the spec so a test can check it without
PyInstaller: the resources to bundle, the modules to leave out, and which collected Qt files
to drop.

Qt files are matched by their base names, so one rule covers Linux (`libqpdf.so`,
`libQt6Pdf.so.6`), Windows (`qpdf.dll`, `Qt6Pdf.dll`) and macOS (`libqpdf.dylib`,
`QtPdf.framework/...`).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PurePosixPath

APP_NAME = "AttentionTrainer"

# Large packages a developer's venv often has: none is used by the app, and any one of them
# drags in hundreds of MiB through optional imports (pandas -> pyarrow, etc.).
EXCLUDES = [
    "scipy", "torch", "pyarrow", "sklearn", "pytest", "_pytest", "hypothesis", "pytestqt",
    "tkinter", "_tkinter", "matplotlib", "IPython", "jupyter_client", "ipykernel", "PIL",
    "numba", "tables", "sqlalchemy", "openpyxl", "xlsxwriter", "fsspec", "botocore",
    "OpenGL", "cupy", "h5py", "zmq",
    # --engine dask is an extra of the pip install (attn-gui[cluster]), not of the app
    "dask", "distributed", "tornado", "msgpack", "partd", "toolz",
    # The app never goes online (tests fail any connection): no TLS, and hashlib's built-in
    # hashes suffice, so no libcrypto; no SQL, no interactive prompt.
    "ssl", "_ssl", "_hashlib", "sqlite3", "_sqlite3", "readline",
    "pyqtgraph.opengl", "pyqtgraph.examples", "pyqtgraph.jupyter", "pyqtgraph.canvas",
    "PyQt5", "PyQt6", "PySide2",
    # Qt modules the app never imports; some pyqtgraph code paths reach for them optionally.
    # (pyqtgraph imports QtOpenGL and QtOpenGLWidgets unconditionally: they stay.)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtPrintSupport", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDBus", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "numpy.tests", "pandas.tests",
]

# Qt plugins worth their size: display (xcb/wayland on Linux, cocoa, windows, offscreen for the
# self-test), native styles and themes, input methods (Chinese input on Linux goes through ibus),
# and the icon formats the app and pyqtgraph load. Nothing draws with OpenGL (pyqtgraph's
# default raster path), so the GL integrations of the platforms stay out.
_KEEP_PLUGIN_DIRS = {
    "platforms", "platformthemes", "styles", "platforminputcontexts", "iconengines",
    "imageformats", "wayland-shell-integration", "wayland-decoration-client",
}
_DROP_PLUGINS = {
    # platforms for embedded devices and remote screens
    "qeglfs", "qlinuxfb", "qminimalegl", "qvnc", "qvkkhrdisplay", "qdirect2d",
    # the virtual keyboard needs QtQuick; image formats nothing here reads
    "qtvirtualkeyboardplugin", "qpdf", "qtiff", "qwebp", "qtga", "qwbmp", "qgif", "qjpeg",
    "qicns",
    # the GTK theme loads the system's GTK, yet would bundle its own cairo and pango beside it;
    # the XDG portal theme gives the native file dialogs
    "qgtk3",
}
# Qt libraries pulled in only by the plugins or modules dropped above.
_DROP_QT_LIBS = {
    "Pdf", "Quick", "Qml", "QmlModels", "QmlMeta", "QmlWorkerScript", "VirtualKeyboard",
    "VirtualKeyboardQml", "Network", "QuickWidgets", "PrintSupport",
    "Sql", "Test", "Designer", "Help", "UiTools", "WebSockets",
    "EglFSDeviceIntegration", "EglFsKmsSupport",
}
# Windows: Qt's software OpenGL renderer (about 20 MiB), for OpenGL nothing here uses.
_DROP_FILES = {"opengl32sw.dll"}
# Qt's own translations for the interface languages the app ships (besides English).
SHIPPED_LANGUAGES = ("zh_CN",)

_QT_LIB = re.compile(r"^(?:lib)?Qt6?(?P<module>[A-Za-z]+)(?:\.framework|\.so|\.dll|\.dylib|$)")
_PLUGIN_STEM = re.compile(r"^(?:lib)?(?P<stem>[^.]+)")


def datas(root: Path) -> list[tuple[str, str]]:
    """(source, destination folder) pairs for PyInstaller: everything under `resources/`
    the app reads at run time. Compiled translations are listed only once built."""
    resources = root / "resources"
    picked = [
        *sorted((resources / "demo").glob("*.csv")),
        *sorted((resources / "demo").glob("README*")),
        *sorted((resources / "icons").glob("*.png")),
        *sorted((resources / "icons").glob("*.ico")),
        *sorted((resources / "icons").glob("*.icns")),
        *sorted((resources / "translations").glob("*.qm")),
    ]
    return [(str(path), str(path.parent.relative_to(root).as_posix())) for path in picked]


def hidden_imports(root: Path) -> list[str]:
    """What PyInstaller's import scan may miss: the modules imported on first use (inside a
    function, as pandas is), and for good measure every module of the app."""
    package = root / "attn_gui"
    sources = sorted(package.rglob("*.py"))
    modules = {".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
               for path in sources}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        modules.update(_imported_in_functions(ast.parse(text, filename=str(path))))
    return sorted(modules)


def _imported_in_functions(tree: ast.AST) -> set[str]:
    """Absolute imports inside functions: the app's own (relative) ones are listed anyway."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found.update(alias.name for alias in inner.names)
                elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    found.add(inner.module)
    return found


def keep(dest_name: str) -> bool:
    """Whether a collected binary or data file (by its path inside the bundle) stays."""
    path = PurePosixPath(dest_name.replace("\\", "/"))
    parts = path.parts
    if path.name.lower() in _DROP_FILES:
        return False
    if "translations" in parts and path.suffix == ".qm" and _is_qt_file(parts):
        return any(path.stem.endswith("_" + lang) for lang in SHIPPED_LANGUAGES)
    if "plugins" in parts and _is_qt_file(parts):
        index = parts.index("plugins")
        folder = parts[index + 1] if len(parts) > index + 2 else ""
        if folder not in _KEEP_PLUGIN_DIRS:
            return False
        match = _PLUGIN_STEM.match(path.name)
        return not (match and match.group("stem") in _DROP_PLUGINS)
    for part in parts:
        match = _QT_LIB.match(part)
        if match and match.group("module") in _DROP_QT_LIBS:
            return False
    return True


def prune_unreachable(binaries: list[tuple], get_imports) -> list[tuple]:
    """Drop the top-level libraries that no kept binary links to any more.

    PyInstaller collects a plugin's link-time dependencies before `keep` can drop the plugin,
    so dropping `qgtk3` would still leave cairo, pango and friends behind. Entries are
    PyInstaller's (destination, source, typecode); `get_imports(source)` gives the
    (name, resolved path) pairs a binary links to (PyInstaller's bindepend.get_imports).
    Only plain top-level libraries are candidates: Python extensions, Qt plugins and Qt's own
    libraries are roots, and so is the Python library the bootloader loads.
    """
    def is_candidate(entry: tuple) -> bool:
        dest, _src, typecode = entry
        name = PurePosixPath(dest.replace("\\", "/"))
        return typecode == "BINARY" and len(name.parts) == 1 and "python" not in name.name.lower()

    by_path = {str(Path(entry[1]).resolve()): entry for entry in binaries
               if entry[2] == "BINARY"}
    by_name = {PurePosixPath(entry[0]).name: entry for entry in binaries if is_candidate(entry)}
    reached: set[tuple] = set()
    pending = [entry for entry in binaries if entry[2] != "SYMLINK" and not is_candidate(entry)]
    while pending:
        entry = pending.pop()
        if entry in reached:
            continue
        reached.add(entry)
        for name, resolved in get_imports(entry[1]):
            target = by_path.get(str(Path(resolved).resolve())) if resolved else None
            target = target or by_name.get(PurePosixPath(name).name)
            if target is not None and target not in reached:
                pending.append(target)
    return [entry for entry in binaries if not is_candidate(entry) or entry in reached]


def version(root: Path) -> str:
    """`attn_gui.__version__`, read without importing the package (and so Qt)."""
    text = (root / "attn_gui" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise ValueError("attn_gui/__init__.py has no __version__")
    return match.group(1)


def _is_qt_file(parts: tuple[str, ...]) -> bool:
    return "PySide6" in parts
