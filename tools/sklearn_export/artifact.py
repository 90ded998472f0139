"""Assembling the artifact body: features, target, preprocessing, coefficients and provenance."""

from datetime import datetime, timezone

import sklearn

from .errors import ExportError
from .estimators import convert_estimator
from .pipeline import describe, split_pipeline, transform
from .plan import Plan
from .values import hyperparameter, js_string

FORMAT = "ratchet.model/v1"
PLUGIN_RANGE = "^1.0.0"


def build_artifact(model, *, target, positive=None, features=None, description=None, pickle_sha256=None):
    """The ``ratchet.model/v1`` body (no name, version or hash) for a fitted model or Pipeline."""
    steps, estimator = split_pipeline(model)
    plugin, task, labels, coefficients = convert_estimator(estimator)
    plan = Plan(_feature_names(model, features))
    frame = plan.initial_frame()
    for name, step in steps:
        frame = transform(step, frame, plan, f"Pipeline step {name!r}")
    if estimator.n_features_in_ != len(frame):
        raise ExportError(
            f"{type(estimator).__name__} expects {estimator.n_features_in_} columns "
            f"but its Pipeline gives it {len(frame)}"
        )
    feature_specs, preprocessing, inputs = plan.finish(frame)
    body = {"format": FORMAT}
    if description is not None:
        body["description"] = description
    body.update(
        {
            "plugin": {"id": plugin, "version": PLUGIN_RANGE},
            "task": task,
            "features": feature_specs,
            "target": _target(target, labels, positive, type(estimator).__name__),
            "preprocessing": preprocessing,
            "inputs": inputs,
            "coefficients": coefficients,
            "hyperparameters": _hyperparameters(estimator),
            "provenance": _provenance(model, pickle_sha256),
        }
    )
    return body


def _feature_names(model, given):
    try:
        known = model.feature_names_in_
    except AttributeError:
        known = None
    try:
        n = int(model.n_features_in_)
    except AttributeError:
        n = len(given) if given is not None else None
    what = type(model).__name__
    if known is not None:
        known = [str(name) for name in known]
        if given is not None and given != known:
            raise ExportError(
                f"--features {','.join(given)} differs from the column names {what} was fitted with "
                f"({','.join(known)}); leave --features out to use the fitted names"
            )
        return known
    if given is None:
        example = ",".join(f"x{i}" for i in range(min(n or 3, 3))) + (",…" if (n or 3) > 3 else "")
        raise ExportError(
            f"{what} was fitted on a numpy array, so it has no column names (feature_names_in_): pass "
            f"--features with its {f'{n} ' if n is not None else ''}column names in training order, "
            f"e.g. --features {example}"
        )
    if n is not None and len(given) != n:
        raise ExportError(f"--features names {len(given)} columns but {what} was fitted on {n}")
    return given


def _target(name, labels, positive, estimator):
    target = {"name": name}
    if labels is None:
        if positive is not None:
            raise ExportError(f"--positive applies to classifiers, but {estimator} is a regression model: leave it out")
        return target
    target["labels"] = labels
    if positive is not None:
        if len(labels) != 2:
            raise ExportError(
                f"--positive applies to binary classifiers, but {estimator} has {len(labels)} classes: leave it out"
            )
        matches = [label for label in labels if positive in (str(label), js_string(label))]
        if not matches:
            shown = ", ".join(js_string(label) for label in labels)
            raise ExportError(f"--positive {positive!r} is not a class of {estimator}; its classes are {shown}")
        target["positive"] = matches[0]
    return target


def _hyperparameters(estimator):
    out = {}
    for key, value in sorted(estimator.get_params(deep=False).items()):
        ok, json_value = hyperparameter(value)
        if ok:
            out[key] = json_value
    return out


def _provenance(model, pickle_sha256):
    provenance = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "source": f"scikit-learn {sklearn.__version__}",
        "estimator": describe(model),
    }
    if pickle_sha256 is not None:
        provenance["pickle_sha256"] = pickle_sha256
    return provenance
