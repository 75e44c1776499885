"""Saving and loading trained models: one zip of JSON plus NumPy arrays, no pickle.

A model file holds the network's parameters, its fitted preprocessing and the
target encoding, so a new CSV goes through exactly the steps training used.
Writes are atomic: a temporary file in the same folder, then os.replace.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .config import TrainConfig
from .dataset import TargetInfo
from .model import AttentionNet, NetSpec, param_shapes
from .preprocess import Preprocessor, validate_preprocess
from .schema import MODEL_SCHEMA, SchemaError, check
from .weighting import WeightingSpec

MODEL_FORMAT = "attn-gui-model"
MODEL_VERSION = 1
_MAX_UNPACKED_BYTES = 2 << 30


class ProjectError(ValueError):
    """A model or project file that cannot be used (one sentence)."""


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write all of data or nothing: a crash mid-write leaves the old file intact."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def model_bytes(saved: SavedModel) -> bytes:
    spec = saved.model.spec
    meta = {
        "format": MODEL_FORMAT,
        "version": MODEL_VERSION,
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
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("model.json", json.dumps(meta, indent=1, allow_nan=False))
        zf.writestr("params.npz", arrays.getvalue())
    return buf.getvalue()


def save_model(path: str | Path, saved: SavedModel) -> None:
    try:
        atomic_write(path, model_bytes(saved))
    except OSError as exc:
        raise ProjectError(f"cannot write the model file '{path}': {exc.strerror}") from None


def load_model(path: str | Path) -> SavedModel:
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            if any(info.file_size > _MAX_UNPACKED_BYTES for info in zf.infolist()):
                raise ValueError("unpacked size")  # a zip bomb, not a model
            meta = json.loads(zf.read("model.json").decode("utf-8"))
            with np.load(io.BytesIO(zf.read("params.npz")), allow_pickle=False) as npz:
                params = {k: npz[k] for k in npz.files}
    except FileNotFoundError:
        raise ProjectError(f"no such model file: '{path}'") from None
    except IsADirectoryError:
        raise ProjectError(f"'{path}' is a folder, not a model file") from None
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, UnicodeDecodeError,
            RecursionError):  # JSON nested thousands deep
        raise ProjectError(f"'{path}' is not an Attention Trainer model file, or it is damaged") from None
    return _from_meta(path, meta, params)


def _from_meta(path: Path, meta: dict, params: dict[str, np.ndarray]) -> SavedModel:
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise ProjectError(f"'{path}' is not an Attention Trainer model file")
    version = meta.get("version")
    if not isinstance(version, int) or version > MODEL_VERSION:
        raise ProjectError(f"'{path}' was written by a newer Attention Trainer (format {version}); "
                           "update the app to open it")
    try:
        check(meta, MODEL_SCHEMA)
    except SchemaError as exc:
        raise ProjectError(f"the model file '{path}' is damaged: {exc}") from None
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
        raise ProjectError(f"the model file '{path}' is damaged (its contents do not match the format)") from None



def _check_consistent(spec: NetSpec, info: TargetInfo, positive, pre: Preprocessor) -> None:
    """The parts of a model file must fit together before anything is computed with them."""
    outputs = len(info.classes) if info.task == "classification" else 1
    if spec.task != info.task or spec.n_outputs != outputs:
        raise ValueError("outputs")
    if positive is not None and not (isinstance(positive, int) and 0 <= positive < outputs):
        raise ValueError("positive")
    if len(pre.encoded_names) != spec.n_features:
        raise ValueError("features")
    validate_preprocess(pre.spec, ValueError)
