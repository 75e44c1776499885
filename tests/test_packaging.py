"""The PyInstaller spec and what it bundles, checked without building (`make dist` builds)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from importlib.metadata import version as installed_version
from pathlib import Path

import pytest

from attn_gui import __version__
from attn_gui.ui.app.demos import DEMOS

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "attn_gui.spec"
# Excluded, yet imported when present, inside try/except ImportError: hashlib falls back to
# its built-in hashes, pyqtgraph puts a placeholder for QtTest. The frozen self-test runs
# without both.
OPTIONAL_IMPORTS = {"_hashlib", "PySide6.QtTest"}
# pandas imports pyarrow when it is installed (the cluster extra brings it) and does without
# it in the bundle, where it is excluded
OPTIONAL_PACKAGES = ("pyarrow",)


@pytest.fixture(scope="module")
def contents():
    """packaging/bundle_contents.py, loaded by path as the spec loads it."""
    spec = importlib.util.spec_from_file_location(
        "bundle_contents", ROOT / "packaging" / "bundle_contents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _calls(tree: ast.AST) -> dict[str, ast.Call]:
    return {node.func.id: node for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def test_spec_parses_and_builds_an_unstripped_one_folder_app():
    tree = ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))
    calls = _calls(tree)
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= set(calls)
    analysis = {k.arg: ast.unparse(k.value) for k in calls["Analysis"].keywords}
    assert analysis["datas"] == "contents.datas(ROOT)"
    assert analysis["excludes"] == "contents.EXCLUDES"
    assert "main.py" in ast.unparse(calls["Analysis"].args[0])
    for name in ("EXE", "COLLECT"):
        keywords = {k.arg: k.value for k in calls[name].keywords}
        # Stripping NumPy's OpenBLAS breaks it; UPX corrupts Qt plugins.
        assert isinstance(keywords["strip"], ast.Constant) and keywords["strip"].value is False
        assert isinstance(keywords["upx"], ast.Constant) and keywords["upx"].value is False
    # One folder: the EXE leaves the binaries to COLLECT.
    exe = {k.arg: k.value for k in calls["EXE"].keywords}
    assert exe["exclude_binaries"].value is True
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    assert "bundle_contents" in imported


def test_every_demo_icon_and_readme_is_bundled(contents):
    datas = contents.datas(ROOT)
    bundled = {(Path(src).relative_to(ROOT).as_posix(), dest) for src, dest in datas}
    for demo in DEMOS:
        assert (f"resources/demo/{demo.file}", "resources/demo") in bundled
    assert ("resources/demo/README.md", "resources/demo") in bundled
    icons = {name for name, dest in bundled if dest == "resources/icons"}
    expected = {f"resources/icons/attn_gui_{size}.png"
                for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024)}
    assert expected | {"resources/icons/attn_gui.ico", "resources/icons/attn_gui.icns"} <= icons
    # Generator scripts are for developers, not users.
    assert not any(name.endswith(".py") for name, _ in bundled)
    for src, _ in datas:
        assert Path(src).is_file(), src


def test_compiled_translations_are_bundled_and_sources_are_not(contents, tmp_path):
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    (folder / "attn_gui_zh_CN.ts").write_text("<TS/>", encoding="utf-8")
    (folder / "attn_gui_zh_CN.qm").write_bytes(b"\x3c\xb8\x64\x18")
    assert contents.datas(tmp_path) == [(str(folder / "attn_gui_zh_CN.qm"),
                                         "resources/translations")]


@pytest.mark.parametrize(("dest", "kept"), [
    # Qt's translations: only the languages the app ships.
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6\\translations\\qt_help_fr.qm", False),
    ("resources/translations/attn_gui_zh_CN.qm", True),
    # Plugins on Linux, Windows and macOS.
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6\\plugins\\imageformats\\qpdf.dll", False),
    ("PySide6/Qt/plugins/imageformats/libqico.so", True),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    # Qt libraries: the ones only dropped modules and plugins need go.
    ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
    ("PySide6\\Qt6Quick.dll", False),
    ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),  # pyqtgraph imports QtOpenGL
    ("PySide6\\opengl32sw.dll", False),
    ("numpy.libs/libscipy_openblas64_-32a4b2a6.so", True),
    ("pyqtgraph/colors/maps/CET-C1.csv", True),
    ("pyqtgraph/icons/auto.png", True),
])
def test_keep_trims_qt_on_every_platform(contents, dest, kept):
    assert contents.keep(dest) is kept


def test_prune_drops_only_libraries_nothing_kept_links_to(contents):
    binaries = [
        ("numpy/_core/_multiarray_umath.so", "/venv/numpy/_core/_multiarray_umath.so", "EXTENSION"),
        ("libopenblas.so", "/venv/numpy.libs/libopenblas.so", "BINARY"),
        ("libgfortran.so.5", "/venv/numpy.libs/libgfortran.so.5", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/venv/qt/libqxcb.so", "BINARY"),
        ("libxcb.so.1", "/usr/lib/libxcb.so.1", "BINARY"),
        ("libpython3.11.so.1.0", "/py/libpython3.11.so.1.0", "BINARY"),
        # left behind by a dropped GTK theme plugin
        ("libcairo.so.2", "/usr/lib/libcairo.so.2", "BINARY"),
        ("libpixman-1.so.0", "/usr/lib/libpixman-1.so.0", "BINARY"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
    ]
    links = {
        "/venv/numpy/_core/_multiarray_umath.so": [("libopenblas.so",
                                                     "/venv/numpy.libs/libopenblas.so")],
        # found by name when the path cannot be resolved
        "/venv/numpy.libs/libopenblas.so": [("libgfortran.so.5", None)],
        "/venv/qt/libqxcb.so": [("libxcb.so.1", "/usr/lib/libxcb.so.1")],
        "/usr/lib/libcairo.so.2": [("libpixman-1.so.0", "/usr/lib/libpixman-1.so.0")],
    }
    kept = contents.prune_unreachable(binaries, lambda src: links.get(src, []))
    assert [entry[0] for entry in kept] == [
        "numpy/_core/_multiarray_umath.so", "libopenblas.so", "libgfortran.so.5",
        "PySide6/Qt/plugins/platforms/libqxcb.so", "libxcb.so.1", "libpython3.11.so.1.0",
        "libQt6Core.so.6"]


def test_excluded_modules_include_the_heavy_ones_and_none_the_app_imports(contents):
    assert {"scipy", "torch", "pyarrow", "sklearn", "pytest", "hypothesis",
            "tkinter"} <= set(contents.EXCLUDES)
    # A fresh interpreter loads every app module the bundle runs: none may be excluded
    # (excluding pandas.plotting, which pandas imports itself, broke the frozen app once).
    code = ("import sys, attn_gui.app, attn_gui.cli, attn_gui.ui.app.launch, attn_gui.ui.app.main_window,"
            " attn_gui.ui.app.selftest, attn_gui.ui.app.about, attn_gui.ui.app.demos, attn_gui.core.predict,"
            " attn_gui.core.project; print('\\n'.join(sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.split()
    clashes = [name for name in loaded for excluded in contents.EXCLUDES
               if (name == excluded or name.startswith(excluded + "."))
               and name not in OPTIONAL_IMPORTS
               and name.split(".")[0] not in OPTIONAL_PACKAGES]
    assert clashes == []


def test_modules_imported_by_name_are_bundled(contents):
    # PyInstaller's scan sees import statements only: a frozen app without these failed
    # its self-test with "No module named 'pandas'".
    hidden = set(contents.hidden_imports(ROOT))
    assert {"pandas", "attn_gui.core.project", "attn_gui.ui.plots.plot_export",
            "attn_gui.ui.app.main_window", "python_calamine"} <= hidden
    assert not any(name.endswith(".__init__") for name in hidden)


def test_version_comes_from_one_place(contents):
    assert contents.version(ROOT) == __version__
    assert installed_version("attn-gui") == __version__


def test_make_dist_compiles_translations_builds_self_tests_and_checks_size():
    # -W: as if a translation source had just changed, so the plan shows it recompiled.
    ts = next((ROOT / "resources" / "translations").glob("*.ts"))
    plan = subprocess.run(["make", "-n", "-W", str(ts.relative_to(ROOT)), "dist"],
                          capture_output=True, text=True, check=True, cwd=ROOT).stdout
    steps = [plan.find(marker) for marker in
             ("pyside6-lrelease", "PyInstaller", "--self-test --epochs 300", "du -sm")]
    assert -1 not in steps and steps == sorted(steps), plan
    assert "packaging/attn_gui.spec" in plan


def test_the_wheel_lists_every_package_and_carries_the_resources():
    """pyproject lists the packages by hand (a search would miss attn_gui._resources, the
    top-level resources/ folder mapped into the wheel): a new subpackage must be listed."""
    import tomllib

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {".".join(path.parent.relative_to(ROOT).parts)
               for path in (ROOT / "attn_gui").rglob("__init__.py")}
    assert set(setuptools["packages"]) == on_disk | {"attn_gui._resources"}
    assert setuptools["package-dir"] == {"attn_gui._resources": "resources"}
    shipped = setuptools["package-data"]["attn_gui._resources"]
    needed = [path.relative_to(ROOT / "resources") for path in (
        ROOT / "resources" / "demo" / "demo.csv", ROOT / "resources" / "icons" / "attn_gui.ico",
        ROOT / "resources" / "translations" / "attn_gui_zh_CN.ts", *ROOT.glob("resources/demo/*.csv"))]
    for path in needed:
        assert any(path.match(pattern) for pattern in shipped), path


def test_an_installed_package_reads_its_own_resources(tmp_path, monkeypatch):
    """Outside a checkout, the files come from the package's _resources folder."""
    import attn_gui.resources as resources

    assert resources._base() == ROOT / "resources"  # a checkout reads its own folder
    package = tmp_path / "site" / "attn_gui"
    (package / "_resources" / "demo").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE", package)
    assert resources._base() == package / "_resources"
