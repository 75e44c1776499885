"""What the user saves: model files and project files, each one zip of JSON plus NumPy
arrays, never pickle.

A model file holds the network's parameters, its fitted preprocessing and the target
encoding, so a new CSV goes through exactly the steps training used. A project file
holds the data file's path and checksum, every setting, every run (curves, metrics,
attention) and the chosen run's model in the model file's own layout, so `predict`
takes either. Writes are atomic: a temporary file in the same folder, then os.replace.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .config import ConfigError, TrainConfig
from .dataset import Dataset, TargetInfo
from .errors import Phrase, UserError
from .evaluation import ValidPredictions
from .files import atomic_write
from .metrics import json_finite, scalars
from .model import AttentionNet, NetSpec, param_shapes
from .preprocess import Preprocessor, validate_preprocess
from .repeats import curve_band
from .runs import Project, Run
from .schema import MODEL_SCHEMA, SchemaError, check
from .training import EpochReport, Trainer
from .weighting import WeightingSpec

MODEL_FORMAT = "attn-gui-model"
# Version 2: per-row attention scored by a hidden layer (NetSpec.attention_hidden). Every
# other model is still written as version 1, so the app before it opens what it can read.
MODEL_VERSION = 2
PROJECT_FORMAT = "attn-gui-project"
PROJECT_VERSION = 1
PROJECT_SUFFIX = ".atproj"
_MAX_UNPACKED_BYTES = 2 << 30
# A project keeps runs' validation predictions up to this many bytes in all, the kept
# run's first: enough for every run of a file of a few hundred thousand rows.
PREDICTIONS_BUDGET = 32 << 20


class ProjectError(UserError):
    """A model or project file that cannot be used (one sentence)."""


@dataclass
class SavedModel:
    model: AttentionNet
    preprocessor: Preprocessor
    target: str
    target_info: TargetInfo
    positive: int | None
    config: TrainConfig
    summary: dict  # metrics and attention at the end of training

    @property
    def task(self) -> str:
        return self.target_info.task

    @property
    def threshold(self) -> float:
        """The decision threshold predictions use: kept with the settings, so a model file
        from before thresholds reads as 0.5 (the more probable class)."""
        return self.config.threshold


def model_bytes(saved: SavedModel) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _write_model(zf, saved)
    return buf.getvalue()


def _write_model(zf: zipfile.ZipFile, saved: SavedModel) -> None:
    spec = saved.model.spec
    meta = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION if spec.attention_hidden else 1,
        "target": saved.target,
        "target_info": saved.target_info.to_dict(),
        "positive": saved.positive,
        "net": {**asdict(spec), "hidden": list(spec.hidden),
                "groups": None if spec.groups is None else list(spec.groups),
                "dtype": saved.model.dtype.name},
        "preprocessor": saved.preprocessor.to_dict(),
        "config": saved.config.to_dict(),
        "summary": saved.summary,
    }
    arrays = io.BytesIO()
    np.savez(arrays, **saved.model.params)
    zf.writestr("model.json", json.dumps(meta, indent=1, allow_nan=False))
    zf.writestr("params.npz", arrays.getvalue())


def save_model(path: str | Path, saved: SavedModel) -> None:
    try:
        atomic_write(path, model_bytes(saved))
    except OSError as exc:
        raise ProjectError("cannot write the model file '{path}': {reason}", path=path,
                           reason=exc.strerror) from None


def load_model(path: str | Path) -> SavedModel:
    """The model in a model file, or the chosen run's model in a project file."""
    path = Path(path)
    with _open_zip(path, Phrase("model")) as zf:
        names = set(zf.namelist())
        if "model.json" not in names and "project.json" in names:
            raise ProjectError("the project '{path}' holds no trained model yet; "
                               "train a run and save the project first", path=path)
        return _read_model(zf, path)


def _read_model(zf: zipfile.ZipFile, path: Path) -> SavedModel:
    try:
        meta = json.loads(zf.read("model.json").decode("utf-8"))
        with np.load(io.BytesIO(zf.read("params.npz")), allow_pickle=False) as npz:
            params = {k: npz[k] for k in npz.files}
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, UnicodeDecodeError,
            RecursionError):  # JSON nested thousands deep
        raise ProjectError("'{path}' is not an Attention Trainer model file, or it is damaged",
                           path=path) from None
    return _from_meta(path, meta, params)


def saved_kind(path: str | Path) -> str | None:
    """"model" or "project" for the app's own files, told by their contents (a model saved
    under any name); None for anything else, such as a table (a workbook is a zip too)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return None
    if "project.json" in names:
        return "project"
    return "model" if "model.json" in names else None


def _open_zip(path: Path, kind: Phrase) -> zipfile.ZipFile:
    """A zip opened for reading, or a ProjectError with the sentence a user needs; `kind`
    is the kind of file the user meant to open."""
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ProjectError("no such {kind} file: '{path}'", kind=kind, path=path) from None
    except IsADirectoryError:
        raise ProjectError("'{path}' is a folder, not a {kind} file", path=path,
                           kind=kind) from None
    except PermissionError:
        raise ProjectError("no permission to read the {kind} file '{path}'", kind=kind,
                           path=path) from None
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise ProjectError("'{path}' is not an Attention Trainer {kind} file, or it is damaged",
                           path=path, kind=kind) from None
    if any(info.file_size > _MAX_UNPACKED_BYTES for info in zf.infolist()):
        zf.close()  # a zip bomb, not a model or a project
        raise ProjectError("'{path}' is not an Attention Trainer {kind} file, or it is damaged",
                           path=path, kind=kind)
    return zf


def _from_meta(path: Path, meta: dict, params: dict[str, np.ndarray]) -> SavedModel:
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise ProjectError("'{path}' is not an Attention Trainer model file", path=path)
    version = meta.get("version")
    if not isinstance(version, int) or version > MODEL_VERSION:
        raise ProjectError("'{path}' was written by a newer Attention Trainer (format {version}); "
                           "update the app to open it", path=path, version=version)
    try:
        check(meta, MODEL_SCHEMA)
    except SchemaError as exc:
        raise ProjectError("the model file '{path}' is damaged: {detail}", path=path,
                           detail=exc) from None
    try:
        net = dict(meta["net"])
        dtype = net.pop("dtype")
        net["hidden"] = tuple(net["hidden"])
        net["groups"] = None if net["groups"] is None else tuple(net["groups"])
        net["weighting"] = WeightingSpec(**net["weighting"])
        spec = NetSpec(**net)
        if dtype not in ("float32", "float64"):
            raise ValueError("dtype")
        model = AttentionNet(spec, dtype=np.dtype(dtype))
        expected = param_shapes(spec)
        if {k: v.shape for k, v in params.items()} != expected:
            raise ValueError("parameter shapes")
        model.params = {k: v.astype(model.dtype) for k, v in params.items()}
        info = TargetInfo(**meta["target_info"])
        preprocessor = Preprocessor.from_dict(meta["preprocessor"])
        _check_consistent(spec, info, meta["positive"], preprocessor)
        return SavedModel(
            model=model, preprocessor=preprocessor,
            target=str(meta["target"]), target_info=info, positive=meta["positive"],
            config=TrainConfig.from_dict(meta["config"]), summary=dict(meta["summary"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ProjectError("the model file '{path}' is damaged (its contents do not match the "
                           "format)", path=path) from None


def _check_consistent(spec: NetSpec, info: TargetInfo, positive, pre: Preprocessor) -> None:
    """The parts of a model file must fit together before anything is computed with them."""
    outputs = len(info.classes) if info.task == "classification" else 1
    if spec.task != info.task or spec.n_outputs != outputs:
        raise ValueError("outputs")
    if positive is not None and not (isinstance(positive, int) and 0 <= positive < outputs):
        raise ValueError("positive")
    if len(pre.encoded_names) != spec.n_features:
        raise ValueError("features")
    validate_preprocess(pre.spec, ProjectError)


def saved_model(config: TrainConfig, data: Dataset, trainer: Trainer, final: EpochReport,
                data_path: str | Path | None = None, data_sheet: str | None = None
                ) -> SavedModel:
    """What a model file holds after a run; the CLI's --save and the window's Save Model.
    `data_path` (and a workbook's `data_sheet`): the file the run learned from, which a run
    opened from the model file is tied to, as the window's runs are to theirs."""
    summary = {"metrics": {"train": scalars(final.train), "valid": scalars(final.valid)},
               "attention": final.attention, "epochs": final.epoch,
               "best_epoch": final.best_epoch, "seconds": trainer.train_seconds_}
    if data_path is not None:  # a notebook's data frame has no file
        summary["data"] = {"path": str(Path(data_path).resolve()), "sheet": data_sheet}
    return SavedModel(
        model=trainer.model_, preprocessor=data.preprocessor, target=data.target,
        target_info=data.target_info, positive=data.positive, config=config,
        summary=summary,
    )


def run_from_model(name: str, saved: SavedModel, path: str | Path) -> Run:
    """The model of a model file as a run (File ▸ Open Model): its settings, classes and
    attention, and what the file says of its training (metrics, epochs, the data file);
    no curves, which a model file does not keep. A summary that does not fit is damage."""
    summary = saved.summary
    data = summary.get("data") or {}
    try:
        run = Run.from_dict({
            "name": name, "config": saved.config.to_dict(), "task": saved.task,
            "classes": saved.target_info.classes, "features": saved.preprocessor.features,
            "metrics": summary.get("metrics") or {}, "attention": summary["attention"],
            "history": {}, "epochs": summary.get("epochs", 0),
            "best_epoch": summary.get("best_epoch", 0), "stop_reason": "",
            "seconds": summary.get("seconds"), "confusion": None,
            "data_path": data.get("path"), "data_sheet": data.get("sheet"),
            "target": saved.target,
        })
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ProjectError("the model file '{path}' is damaged (its contents do not match the "
                           "format)", path=path) from None
    run.model = saved
    run.model_file = str(Path(path).resolve())
    return run


def run_from_training(name: str, config: TrainConfig, trainer: Trainer,
                      final: EpochReport, data_path: str | None = None,
                      summary: dict | None = None,
                      finals: list[EpochReport] | None = None,
                      data_sheet: str | None = None,
                      predictions: ValidPredictions | None = None) -> Run:
    """The record of a run; of a group, given `summary` (`repeats.summarise`) and the final
    reports of the runs it covers: their means, spread and mean curves, and the kept (first)
    run's curves, epochs, model and validation `predictions`."""
    data = trainer.data
    confusion = final.valid.get("confusion")
    grouped = summary is not None and finals is not None and len(finals) > 1
    metrics = ({"train": scalars(final.train), "valid": scalars(final.valid)}
               if not grouped else summary["metrics"])
    return Run(
        name=name, config=config, task=data.task, classes=list(data.classes),
        features=list(data.features), metrics=metrics,
        attention=dict(summary["attention"] if grouped else final.attention),
        history={k: list(v) for k, v in final.history.items()},
        epochs=final.epoch, best_epoch=final.best_epoch, stop_reason=final.stop_reason or "",
        seconds=trainer.train_seconds_,
        confusion=None if confusion is None else [[int(v) for v in row] for row in confusion],
        model=saved_model(config, data, trainer, final, data_path, data_sheet),
        data_path=data_path, data_sheet=data_sheet, target=data.target,
        group=group_record(summary, finals) if grouped else None,
        prepared={"n_train": len(data.X_train), "n_valid": len(data.X_valid),
                  "excluded": dict(data.excluded), "preprocessing": data.report},
        predictions=predictions,
    )


def group_record(summary: dict, finals: list[EpochReport]) -> dict:
    """What a project keeps of a group beyond its means: the spread, the stability and the
    mean curves with their sd."""
    histories = [f.history for f in finals]
    curves = {}
    for key in finals[0].history:
        mean, sd = curve_band(histories, key)
        curves[key] = {"mean": mean.tolist(), "sd": sd.tolist()}
    return json_finite({"runs": len(finals), "attention_sd": summary["attention_sd"],
                        "metrics_sd": summary["metrics_sd"], "stability": summary["stability"],
                        "curves": curves})


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def project_bytes(project: Project) -> bytes:
    chosen = project.chosen_run
    meta = {
        "format": PROJECT_FORMAT, "version": PROJECT_VERSION,
        "data": {"path": project.data_path, "sha256": project.data_sha256,
                 "sheet": project.data_sheet},
        "config": project.config.to_dict(),
        "runs": [run.to_dict() for run in project.runs],
        "chosen": project.chosen, "kept_by_user": project.kept_by_user,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.json", json.dumps(meta, indent=1, allow_nan=False,
                                               ensure_ascii=False))
        if chosen is not None and chosen.model is not None:
            _write_model(zf, chosen.model)
        for index in _predictions_kept(project):
            zf.writestr(f"predictions/{index}.npz", project.runs[index].predictions.to_bytes())
    return buf.getvalue()


def _predictions_kept(project: Project) -> list[int]:
    """The runs whose predictions a project file keeps: the kept run's, then the others'
    in order while they fit the budget."""
    order = ([project.chosen] if project.chosen is not None else []) + [
        i for i in range(len(project.runs)) if i != project.chosen]
    kept, used = [], 0
    for i in order:
        predictions = project.runs[i].predictions
        if predictions is not None and used + predictions.nbytes <= PREDICTIONS_BUDGET:
            kept.append(i)
            used += predictions.nbytes
    return kept


def _read_predictions(zf: zipfile.ZipFile, project: Project) -> None:
    """Raises ValueError for predictions that do not fit their run."""
    for name in zf.namelist():
        stem = name.removeprefix("predictions/").removesuffix(".npz")
        if not name.startswith("predictions/") or not stem.isdigit():
            continue
        run = project.runs[int(stem)]  # an IndexError: damaged
        run.predictions = ValidPredictions.from_bytes(zf.read(name), run.task, len(run.classes))


def save_project(path: str | Path, project: Project) -> None:
    try:
        atomic_write(path, project_bytes(project))
    except OSError as exc:
        raise ProjectError("cannot write the project file '{path}': {reason}", path=path,
                           reason=exc.strerror) from None


def load_project(path: str | Path) -> Project:
    path = Path(path)
    with _open_zip(path, Phrase("project")) as zf:
        try:
            meta = json.loads(zf.read("project.json").decode("utf-8"))
        except KeyError:
            raise ProjectError("'{path}' is not an Attention Trainer project file",
                               path=path) from None
        except (zipfile.BadZipFile, ValueError, EOFError, OSError, UnicodeDecodeError,
                RecursionError):
            raise ProjectError("the project file '{path}' is damaged", path=path) from None
        if not isinstance(meta, dict) or meta.get("format") != PROJECT_FORMAT:
            raise ProjectError("'{path}' is not an Attention Trainer project file", path=path)
        version = meta.get("version")
        if not isinstance(version, int) or version > PROJECT_VERSION:
            raise ProjectError("'{path}' was written by a newer Attention Trainer "
                               "(format {version}); update the app to open it", path=path,
                               version=version)
        try:
            data = meta["data"]
            project = Project(
                config=TrainConfig.from_dict(meta["config"]),
                data_path=None if data["path"] is None else str(data["path"]),
                data_sha256=None if data["sha256"] is None else str(data["sha256"]),
                # projects saved before workbooks have no sheet
                data_sheet=None if data.get("sheet") is None else str(data["sheet"]),
                runs=[Run.from_dict(r) for r in meta["runs"]],
                chosen=meta["chosen"],
                # projects saved before the user's choice was told apart have no such entry
                kept_by_user=bool(meta.get("kept_by_user", False)),
            )
            if project.chosen is not None and not (
                    isinstance(project.chosen, int) and 0 <= project.chosen < len(project.runs)):
                raise ValueError("chosen")
        except (KeyError, TypeError, ValueError, AttributeError, ConfigError):
            raise ProjectError("the project file '{path}' is damaged (its contents do not "
                               "match the format)", path=path) from None
        if project.chosen is not None and "model.json" in zf.namelist():
            project.runs[project.chosen].model = _read_model(zf, path)
        try:
            _read_predictions(zf, project)
        except (ValueError, IndexError, zipfile.BadZipFile, OSError, EOFError):
            raise ProjectError("the project file '{path}' is damaged (its contents do not "
                               "match the format)", path=path) from None
    return project
