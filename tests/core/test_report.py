"""The one-file HTML report: every value from the file escaped, charts that are valid SVG,
nothing loaded from outside the page, written atomically; the command line's --report."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from attn_gui.core.config import OPTIONS, TrainConfig
from attn_gui.core.report import ReportError, ReportInput, report_html, write_report
from attn_gui.core.svg import Series, bar_chart, line_chart, nice_ticks, scatter_chart

ROOT = Path(__file__).resolve().parents[2]
EVIL = "<script>alert(1)</script>"


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=300)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", html, flags=re.S)]


def _offline_and_inert(html: str) -> None:
    parsed = _Tags()
    parsed.feed(html)
    assert "script" not in parsed.tags and "iframe" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attrs)  # no event handlers
    assert not any(name in ("src", "href") for name, _ in parsed.attrs)  # nothing loaded
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # the only address is SVG's namespace, which is a name, not a load
    assert set(re.findall(r"https?://[^\s\"'<]+", html)) == {"http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def evil_report(tmp_path_factory):
    """A real run on a file whose column and class names are markup."""
    folder = tmp_path_factory.mktemp("report")
    rng = np.random.default_rng(0)
    n = 400
    x = rng.normal(size=n)
    frame = pd.DataFrame({EVIL: x, "noise & <b>bold</b>": rng.normal(size=n),
                          "group": rng.choice(["a<i>", "b\"quote'"], n),
                          "label": np.where(x + 0.5 * rng.normal(size=n) > 0, "<img src=x>",
                                            "plain")})
    data = folder / "evil.csv"
    frame.to_csv(data, index=False)
    out = folder / "report.html"
    proc = run("train", data, "--target", "label", "--epochs", "15", "--repeats", "2",
               "--importance", "--threshold", "0.4", "--report", out, "--json")
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8"), json.loads(proc.stdout)


def test_markup_from_the_file_shows_as_text(evil_report):
    html, _ = evil_report
    assert EVIL not in html and "<img src=x>" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x&gt;" in html and "noise &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    _offline_and_inert(html)


def test_the_page_holds_every_part(evil_report):
    html, result = evil_report
    for heading in ("Data", "Preprocessing", "Settings", "Training", "Metrics",
                    "Confusion matrix", "ROC, precision–recall and calibration", "Attention",
                    "Permutation importance"):
        assert f"<h2>{heading}" in html, heading
    for option in OPTIONS.values():  # every setting, by its flag
        assert f"<td>{option.flag[2:]}</td>" in html
    assert "--threshold=0.4" in html and "--repeats=2" in html and "--importance" in html
    assert f"{result['metrics']['valid']['roc_auc']:.4f}" in html
    charts = _svgs(html)  # every chart is well-formed XML: the escaping holds inside SVG
    titles = {c.get("aria-label") for c in charts}
    assert {"ROC curve", "Precision–recall", "Calibration", "Loss per epoch"} <= titles
    assert any("&lt;script&gt;" in ET.tostring(c, encoding="unicode") for c in charts)


def test_regression_report_draws_predictions(real_data, tmp_path):
    out = tmp_path / "r.html"
    proc = run("train", real_data / "mroz.csv", "--target", "income", "--epochs", "10",
               "--report", out)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "Predicted against actual" in html and "Residuals" in html
    assert "Confusion matrix" not in html and "R²" in html
    _offline_and_inert(html)
    assert all(c.tag.endswith("svg") for c in _svgs(html))


@pytest.mark.parametrize("where,message", [
    ("missing/r.html", "does not exist"),
    (".", "is a folder"),
])
def test_unwritable_report_path_exits_2_before_training(tmp_path, where, message):
    proc = run("train", ROOT / "resources" / "demo" / "demo.csv", "--epochs", "200",
               "--report", tmp_path / where)
    assert proc.returncode == 2 and message in proc.stderr
    assert proc.stderr.startswith("error: ") and "epoch" not in proc.stderr  # refused first


def test_write_report_is_atomic_and_says_why_it_failed(tmp_path):
    report = ReportInput(result={"task": "regression", "target": "y"},
                         config=TrainConfig().to_dict(), command="main.py train x.csv",
                         data={"path": "x.csv", "columns": []})
    path = tmp_path / "r.html"
    path.write_text("old")
    write_report(path, report)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary left behind
    with pytest.raises(ReportError, match="cannot write the report"):
        write_report(tmp_path / "no" / "r.html", report)


def test_the_window_can_translate_the_pages_words():
    report = ReportInput(result={"task": "regression", "target": "y"}, config={},
                         command="", data={"columns": []}, language="zh-CN",
                         translate=lambda s: {"Data": "数据", "Settings": "设置"}.get(s, s))
    html = report_html(report)
    assert "<h2>数据</h2>" in html and "<h2>设置</h2>" in html and 'lang="zh-CN"' in html


def test_charts():
    assert nice_ticks(0, 1) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert nice_ticks(3, 97)[:2] == [20, 40]
    svg = line_chart([Series(EVIL, [1, 2, 3, 4], [0.5, np.nan, 0.7, 0.8]),
                      Series("b", np.arange(5000), np.linspace(0, 1, 5000), dashed=True)],
                     "t<", "x&", "y>")
    root = ET.fromstring(svg)
    lines = [e for e in root.iter() if e.tag.endswith("polyline")]
    assert len(lines) == 2  # the NaN splits the first series: a point and a line of two
    assert max(len(line.get("points").split()) for line in lines) <= 1500
    assert ET.fromstring(scatter_chart([1, 2, np.inf], [2, 1, 3], "s", "x", "y", "zero"))
    bars = ET.fromstring(bar_chart([("a", 0.3, 0.05), ("b", -0.1, None), ("c", np.nan, None)],
                                   "importance", "rise"))
    assert len([e for e in bars.iter() if e.tag.endswith("rect")]) == 2
