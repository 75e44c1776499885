"""A run as one HTML file that opens anywhere, offline: the data, its preprocessing, every
setting and the command line that repeats the run, the curves, the metrics, the confusion
matrix, ROC and precision–recall, attention and permutation importance.

`report_html` takes plain values (`ReportInput`: the train JSON's keys, the settings, the
history, the table's summary, the curves), so the command line (`train --report`) and
the window (File ▸ Export report) build the same page. Charts are inline SVG
(`svg.py`); every text that comes from the user's file or settings is escaped with
`html.escape`, and the page's Content-Security-Policy forbids scripts and every load
from outside it.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .compare import LABELS as METRIC_LABELS
from .config import OPTIONS
from .diagnostics import ClassCurves, RegressionDiagnostics
from .errors import UserError
from .files import atomic_write
from .svg import Series, bar_chart, line_chart, scatter_chart

__all__ = ["ReportError", "ReportInput", "report_html", "table_summary", "write_report"]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1000px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ddd;padding:.2em .6em;
text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#f4f4f4}th,td:first-child{white-space:nowrap}pre{background:#f6f6f6;padding:.6em;white-space:pre-wrap;
word-break:break-all}.charts{display:flex;flex-wrap:wrap;gap:1em}.note{color:#555}
"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class ReportError(UserError):
    """The report could not be written (one sentence)."""


@dataclass
class ReportInput:
    """Everything the report shows, as plain values.

    `result` has the train JSON's keys (task, target, classes, positive, features,
    excluded, n_train, n_valid, epochs, best_epoch, stop_reason, metrics, metrics_sd,
    attention, attention_sd, confusion, preprocessing, and when computed importance,
    threshold, best_threshold, cost, comparison); `data` is `table_summary`'s.
    """

    result: dict
    config: dict  # TrainConfig.to_dict()
    command: str  # the command line that repeats the run
    data: dict
    history: dict[str, list[float]] = field(default_factory=dict)
    curves: list[ClassCurves] = field(default_factory=list)
    regression: RegressionDiagnostics | None = None
    runs: int = 1
    language: str = "en"
    # the window passes its translation of the page's own words; values are never translated
    translate: Callable[[str], str] = str
    created: str = field(default_factory=lambda: _dt.datetime.now().strftime("%Y-%m-%d %H:%M"))


def table_summary(table) -> dict:
    """The data part of a report from a read `Table`."""
    return {"path": str(table.path), "encoding": table.encoding, "delimiter": table.delimiter,
            "decimal": table.decimal, "rows": int(table.n_rows),
            "columns": [{"name": c.name, "kind": c.kind, "missing": int(c.missing),
                         "unique": int(c.n_unique), "excluded": c.excluded}
                        for c in table.columns],
            "warnings": list(table.warnings)}


def write_report(path: str | Path, report: ReportInput) -> None:
    """The page, written atomically."""
    try:
        atomic_write(path, report_html(report).encode("utf-8"))
    except OSError as exc:
        raise ReportError("cannot write the report '{path}': {reason}", path=path,
                          reason=exc.strerror or str(exc)) from None


def report_html(r: ReportInput) -> str:
    t = r.translate
    res = r.result
    title = t("Attention Trainer report") + f": {res.get('target', '')}"
    sections = [_data_section(r), _preprocessing_section(r), _settings_section(r),
                _training_section(r), _metrics_section(r), _classification_section(r),
                _regression_section(r), _attention_section(r), _importance_section(r)]
    head = (f'<!DOCTYPE html>\n<html lang="{escape(r.language)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>")
    intro = (f"<h1>{escape(title)}</h1><p class=\"note\">{escape(t('Created'))} "
             f"{escape(r.created)}</p>")
    return head + intro + "".join(s for s in sections if s) + "</body></html>\n"


# -- building blocks -------------------------------------------------------------------------
def _h2(text: str) -> str:
    return f"<h2>{escape(text)}</h2>"


def _cell(value) -> str:
    if isinstance(value, bool) or value is None:
        return f"<td>{escape(str(value).lower() if value is not None else '—')}</td>"
    if isinstance(value, int):
        return f'<td class="n">{value}</td>'
    if isinstance(value, float):
        return f'<td class="n">{"—" if not math.isfinite(value) else f"{value:.4g}"}</td>'
    return f"<td>{escape(str(value))}</td>"


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _pairs(rows: list[tuple[str, object]]) -> str:
    body = "".join(f"<tr><th>{escape(k)}</th>{_cell(v)}</tr>" for k, v in rows)
    return f"<table><tbody>{body}</tbody></table>"


def _charts(svgs: list[str]) -> str:
    return '<div class="charts">' + "".join(s for s in svgs if s) + "</div>"


# -- sections --------------------------------------------------------------------------------
def _data_section(r: ReportInput) -> str:
    t, d, res = r.translate, r.data, r.result
    delimiter = {"\t": "tab", ",": ",", ";": ";"}.get(d.get("delimiter", ""), d.get("delimiter"))
    about = _pairs([(t("File"), d.get("path")), (t("Encoding"), d.get("encoding")),
                    (t("Delimiter"), delimiter), (t("Decimal mark"), d.get("decimal")),
                    (t("Rows"), d.get("rows")), (t("Columns"), len(d.get("columns", [])))])
    features = set(res.get("features", []))

    def role(c: dict) -> str:
        if c["name"] == res.get("target"):
            return t("target")
        if c["name"] in features:
            return t("feature")
        return t("not used") + (f": {c['excluded']}" if c.get("excluded") else "")

    kinds = {"numeric": t("numeric"), "boolean": t("boolean"), "categorical": t("categorical"),
             "date": t("date"), "id": t("id"), "constant": t("constant"), "empty": t("empty")}
    rows = [[c["name"], kinds.get(c["kind"], c["kind"]), c["missing"], c["unique"], role(c)]
            for c in d.get("columns", [])]
    columns = _table([t("Column"), t("Kind"), t("Missing"), t("Distinct"), t("Role")], rows)
    warnings = "".join(f"<p class=\"note\">{escape(w)}</p>" for w in d.get("warnings", []))
    return _h2(t("Data")) + about + columns + warnings




def _preprocessing_section(r: ReportInput) -> str:
    t, cfg, pre = r.translate, r.config, r.result.get("preprocessing") or {}
    chosen = [(t(OPTIONS[k].label), _choice_label(k, cfg.get(k), t))
              for k in ("missing", "outliers", "outlier_rule", "outlier_threshold", "scaling")
              if k in cfg]
    effects = {"rows_in": t("rows in"), "rows_dropped_missing": t("rows dropped missing"),
               "rows_dropped_outliers": t("rows dropped outliers"),
               "values_imputed": t("values imputed"), "values_clipped": t("values clipped"),
               "unseen_levels": t("unseen levels"),
               "rows_without_usable_target": t("rows without usable target")}
    rows = [[label, (pre.get("train") or {}).get(k), (pre.get("valid") or {}).get(k)]
            for k, label in effects.items()
            if k in (pre.get("train") or {}) or k in (pre.get("valid") or {})]
    note = t("Statistics are fitted on the training rows only, then applied unchanged to "
             "the validation rows.")
    text = _h2(t("Preprocessing")) + _pairs(chosen) + f'<p class="note">{escape(note)}</p>'
    if "rows_without_target" in pre:
        text += _pairs([(t("Rows without a target value (left out)"),
                         pre["rows_without_target"])])
    return text + (_table([t("Effect"), t("Training rows"), t("Validation rows")], rows)
                   if rows else "")


def _choice_label(name: str, value, t: Callable[[str], str]):
    """A chosen value as its label in the report's language; a free value as it is."""
    option = OPTIONS.get(name)
    if option is None or not option.choices:
        return value
    return next((t(c.label) for c in option.choices if c.value == value), value)


def _settings_section(r: ReportInput) -> str:
    t = r.translate
    rows = []
    for name, value in r.config.items():
        option = OPTIONS.get(name)
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        rows.append([t(option.label) if option else name, name.replace("_", "-"),
                     _choice_label(name, shown, t)])
    return (_h2(t("Settings")) + _table([t("Setting"), t("Flag"), t("Value")], rows)
            + f"<p>{escape(t('The command line that repeats the run:'))}</p>"
            + f"<pre>{escape(r.command)}</pre>")


def _training_section(r: ReportInput) -> str:
    t, res, h = r.translate, r.result, r.history
    facts = _pairs([(t("Training rows"), res.get("n_train")),
                    (t("Validation rows"), res.get("n_valid")),
                    (t("Epochs"), res.get("epochs")), (t("Best epoch"), res.get("best_epoch")),
                    (t("Stopped"), _stop_reason(res.get("stop_reason"), t)),
                    (t("Runs"), r.runs)])
    charts = []
    score = "r2" if res.get("task") == "regression" else "f1"
    for key, label in (("loss", t("Loss")), (score, t(METRIC_LABELS[score]))):
        series = [Series(name, range(1, len(h[f"{split}_{key}"]) + 1), h[f"{split}_{key}"],
                         dashed=split == "valid")
                  for split, name in (("train", t("training")), ("valid", t("validation")))
                  if h.get(f"{split}_{key}")]
        if series:
            charts.append(line_chart(series, f"{label} " + t("per epoch"), t("epoch"), label,
                                     chart_id=f"epoch_{key}"))
    note = t("Curves of the first run.") if r.runs > 1 else ""
    return (_h2(t("Training")) + facts + _charts(charts)
            + (f'<p class="note">{escape(note)}</p>' if note else ""))


def _stop_reason(reason: str | None, t: Callable[[str], str]) -> str:
    words = {"finished": t("finished"), "early_stopping": t("early stopping"),
             "stopped": t("stopped"), "diverged": t("diverged")}
    return words.get(reason or "", (reason or "").replace("_", " "))


def _metrics_section(r: ReportInput) -> str:
    t, res = r.translate, r.result
    metrics, spread = res.get("metrics") or {}, res.get("metrics_sd") or {}
    train, valid = metrics.get("train", {}), metrics.get("valid", {})
    rows = []
    for key in valid:
        cells = [t(METRIC_LABELS.get(key, key))]
        for split, values in (("train", train), ("valid", valid)):
            sd = (spread.get(split) or {}).get(key)
            v = values.get(key)
            cells.append(v if sd is None or v is None else f"{v:.4g} ± {sd:.2g}")
        rows.append(cells)
    text = _h2(t("Metrics")) + _table([t("Metric"), t("Training"), t("Validation")], rows)
    if r.runs > 1:
        text += f'<p class="note">{escape(t("Means over the runs ± their standard deviation."))}</p>'
    if res.get("threshold") is not None:
        cost = res.get("cost") or {}
        text += _pairs([(t("Decision threshold"), res["threshold"]),
                        (t("Cost of a false positive (a false negative costs 1)"),
                         cost.get("false_positive")),
                        (t("Cost per validation row"), cost.get("per_row")),
                        (t("Threshold of least cost"), res.get("best_threshold")),
                        (t("Cost per row there"), cost.get("per_row_at_best"))])
    if res.get("comparison"):
        c = res["comparison"]
        text += (f"<p><b>{escape(t('Compared with attention off'))}</b> "
                 f"({escape(str(c.get('runs')))} {escape(t('paired runs'))}): "
                 f"{escape(c.get('sentence', ''))}.</p>")
    return text


def _classification_section(r: ReportInput) -> str:
    t, res = r.translate, r.result
    if res.get("task") != "classification":
        return ""
    text = ""
    if res.get("confusion"):
        classes = res.get("classes", [])
        rows = [[f"{t('true')} {name}", *row]
                for name, row in zip(classes, res["confusion"], strict=False)]
        text += (_h2(t("Confusion matrix (validation rows)"))
                 + _table(["", *(f"{t('predicted')} {c}" for c in classes)], rows))
    if not r.curves:
        return text
    roc = [Series(c.label, c.fpr, c.tpr) for c in r.curves]
    pr = [Series(c.label, c.recall, c.precision) for c in r.curves]
    cal = [Series(c.label, c.predicted, c.observed) for c in r.curves]
    unit = (0.0, 1.0)
    charts = [
        line_chart(roc, t("ROC curve"), t("false-positive rate"), t("true-positive rate"),
                   unit, unit, diagonal=True, chart_id="roc"),
        line_chart(pr, t("Precision–recall"), t("recall"), t("precision"), unit, unit,
                   chart_id="pr"),
        line_chart(cal, t("Calibration"), t("mean predicted probability"),
                   t("observed frequency"), unit, unit, diagonal=True, chart_id="cal"),
    ]
    valid = (res.get("metrics") or {}).get("valid", {})
    which = (t("of the positive class") if len(r.curves) == 1
             else t("one class against the rest"))
    scores = (f"ROC AUC {_fmt(valid.get('roc_auc'))}, {t('average precision')} "
              f"{_fmt(valid.get('average_precision'))}, {t('Brier score')} "
              f"{_fmt(valid.get('brier'))}")
    return (text + _h2(t("ROC, precision–recall and calibration (validation rows)"))
            + f"<p>{escape(which)}: {escape(scores)}</p>" + _charts(charts))


def _fmt(v) -> str:
    return "—" if v is None or not math.isfinite(v) else f"{v:.4f}"


def _regression_section(r: ReportInput) -> str:
    d, t = r.regression, r.translate
    if d is None:
        return ""
    charts = [scatter_chart(d.actual, d.predicted, t("Predicted against actual"), t("actual"),
                            t("predicted"), reference="diagonal", chart_id="pva"),
              scatter_chart(d.predicted, d.residual, t("Residuals"), t("predicted"),
                            t("actual − predicted"), reference="zero", chart_id="res")]
    note = (t("A sample of {shown} of the {rows} validation rows.")
            .format(shown=len(d.actual), rows=d.n_rows) if len(d.actual) < d.n_rows else "")
    return (_h2(t("Predictions (validation rows)")) + _charts(charts)
            + (f'<p class="note">{escape(note)}</p>' if note else ""))


def _attention_section(r: ReportInput) -> str:
    t, res = r.translate, r.result
    attention, sd = res.get("attention") or {}, res.get("attention_sd") or {}
    if not attention:
        return ""
    items = [(name, w, sd.get(name)) for name, w in sorted(attention.items(), key=lambda kv: -kv[1])]
    title = t("Attention") + (" " + t("(mean over the runs ± sd)") if sd else "")
    text = _h2(title) + bar_chart(items, title, t("weight"))
    stability = res.get("stability")
    if stability:
        text += _pairs([(t("Stability across runs: Pearson r"), stability.get("pearson")),
                        (t("Stability across runs: total variation"), stability.get("tv"))])
    return text


def _importance_section(r: ReportInput) -> str:
    t, res = r.translate, r.result
    importance = res.get("importance")
    if not importance:
        return ""
    items = [(name, v["mean"], v.get("sd")) for name, v in
             sorted(importance.items(), key=lambda kv: -kv[1]["mean"])]
    title = t("Permutation importance")
    text = _h2(title) + bar_chart(items, t("Rise in validation loss when shuffled"),
                                  t("rise in loss"))
    agreement = res.get("agreement") or {}
    if agreement:
        text += _pairs([(t("Attention vs importance: Pearson"), agreement.get("pearson")),
                        (t("Attention vs importance: Spearman"), agreement.get("spearman")),
                        (t("Attention vs importance: top-3 overlap"), agreement.get("top3"))])
    return text
