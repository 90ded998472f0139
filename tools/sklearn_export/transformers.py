"""The scikit-learn transformers ratchet can replay, each turned into one preprocessing step."""

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler
from sklearn.utils import is_scalar_nan

from .errors import ExportError
from .values import floats, label


def _standard_scaler(scaler, frame, plan, who):
    plan.numeric(frame, who)
    p = len(frame)
    # scikit-learn skips the subtraction or division a flag turns off; 0 and 1 change nothing.
    mean = floats(scaler.mean_, f"{who} mean_") if scaler.with_mean else [0.0] * p
    scale = floats(scaler.scale_, f"{who} scale_") if scaler.with_std else [1.0] * p
    plan.add_step({"type": "standard_scale", "columns": [c.name for c in frame], "mean": mean, "scale": scale})
    return frame


def _minmax_scaler(scaler, frame, plan, who):
    plan.numeric(frame, who)
    step = {
        "type": "minmax_scale",
        "columns": [c.name for c in frame],
        "min": floats(scaler.min_, f"{who} min_"),
        "scale": floats(scaler.scale_, f"{who} scale_"),
    }
    if scaler.clip:
        step["clip"] = floats(scaler.feature_range, f"{who} feature_range")
    plan.add_step(step)
    return frame


def _simple_imputer(imputer, frame, plan, who):
    if imputer.add_indicator:
        raise ExportError(
            f"{who} has add_indicator=True, whose extra indicator columns ratchet cannot replay; "
            "refit with add_indicator=False"
        )
    if not is_scalar_nan(imputer.missing_values):
        raise ExportError(
            f"{who} treats {imputer.missing_values!r} as missing; ratchet's missing values are null/NaN, "
            "so refit with missing_values=np.nan (replace the marker with NaN first)"
        )
    statistics = imputer.statistics_
    empty = [c.name for c, s in zip(frame, statistics) if is_scalar_nan(s) or s is None]
    if empty:
        raise ExportError(
            f"{who} saw no value of column(s) {', '.join(map(repr, empty))} in training, so scikit-learn drops them; "
            "remove those columns before fitting (or use keep_empty_features=True)"
        )
    fills = [label(s, f"{who} statistics_") for s in statistics]
    plan.impute(frame, imputer.strategy, fills)
    return frame


def _one_hot_encoder(encoder, frame, plan, who):
    if getattr(encoder, "_infrequent_enabled", False):
        raise ExportError(
            f"{who} groups infrequent categories (min_frequency/max_categories), which ratchet cannot replay; "
            "refit without min_frequency and max_categories"
        )
    # Without infrequent categories, "infrequent_if_exist" encodes unknowns exactly as "ignore" does.
    handle_unknown = {"error": "error", "ignore": "ignore", "infrequent_if_exist": "ignore"}.get(encoder.handle_unknown)
    if handle_unknown is None:
        raise ExportError(f"{who} has handle_unknown={encoder.handle_unknown!r}; ratchet supports 'error' and 'ignore'")
    levels = [
        [label(level, f"{who} categories_ of column {c.name!r}") for level in categories]
        for c, categories in zip(frame, encoder.categories_)
    ]
    drop = None
    if encoder.drop_idx_ is not None:
        drop = []
        for column_levels, index in zip(levels, encoder.drop_idx_):
            if index is None:
                drop.append(None)
            elif isinstance(index, (int, np.integer)) and 0 <= index < len(column_levels):
                drop.append(column_levels[int(index)])
            else:
                raise ExportError(f"{who} has drop={encoder.drop!r}, a form ratchet does not understand")
    return plan.one_hot(frame, levels, handle_unknown, drop, who)


CONVERTERS = {
    StandardScaler: _standard_scaler,
    MinMaxScaler: _minmax_scaler,
    SimpleImputer: _simple_imputer,
    OneHotEncoder: _one_hot_encoder,
}
"""Transformer class → function(transformer, frame, plan, who) returning the output frame."""
