"""The release workflow cannot run here: actionlint (with shellcheck for the `run:`
scripts) checks it, and the macOS packaging script gets shellcheck on its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def test_release_workflow_passes_actionlint():
    result = subprocess.run(
        [_tool("actionlint"), "-shellcheck", _tool("shellcheck"), "-no-color", str(WORKFLOW)],
        capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "runs-on: macos-14", "runs-on: macos-14\n    needs: no-such-job"), encoding="utf-8")
    result = subprocess.run([_tool("actionlint"), "-no-color", str(broken)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "no-such-job" in result.stdout


def test_workflow_builds_self_tests_and_uploads_installer_and_dmg():
    text = WORKFLOW.read_text(encoding="utf-8")
    for needed in ("tags:", "runs-on: windows-latest", "runs-on: macos-14",
                   "packaging/attn_gui.spec", "--self-test", "--epochs", "300",
                   "$run.ExitCode", "choco install innosetup", "packaging\\windows\\attn_gui.iss",
                   "packaging/macos/package.sh", "actions/upload-artifact",
                   "-windows-setup.exe", "-macos-*.dmg"):
        assert needed in text, needed


def test_macos_packaging_script_passes_shellcheck_and_uses_ditto_and_hdiutil():
    script = ROOT / "packaging" / "macos" / "package.sh"
    result = subprocess.run([_tool("shellcheck"), str(script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    text = script.read_text(encoding="utf-8")
    assert "hdiutil create" in text and "ditto -c -k" in text
    # Signing and notarisation are skipped, with a message, when the secrets are absent.
    assert 'if [[ -n "${MACOS_CERTIFICATE_P12:-}"' in text and "notarytool" in text


def test_inno_setup_script_packs_the_one_folder_build():
    iss = (ROOT / "packaging" / "windows" / "attn_gui.iss").read_text(encoding="utf-8")
    assert 'Source: "..\\..\\dist\\AttentionTrainer\\*"' in iss
    assert "recursesubdirs" in iss and "AppVersion={#AppVersion}" in iss
    assert "SetupIconFile=..\\..\\resources\\icons\\attn_gui.ico" in iss
    assert (ROOT / "resources" / "icons" / "attn_gui.ico").is_file()
