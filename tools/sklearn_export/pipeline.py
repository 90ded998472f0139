"""Walking a Pipeline and its ColumnTransformers to the final estimator."""

from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline

from .errors import ExportError
from .transformers import CONVERTERS

SUPPORTED_TRANSFORMERS = (
    "StandardScaler, MinMaxScaler, SimpleImputer, OneHotEncoder and ColumnTransformer "
    "(or a Pipeline of them), with 'passthrough' and 'drop'"
)


def split_pipeline(model):
    """``(transformer steps, final estimator)``: the steps as ``(name, transformer)``, nested pipelines flattened."""
    if not isinstance(model, Pipeline):
        return [], model
    *steps, (name, last) = model.steps
    if last is None or last == "passthrough":
        raise ExportError(f"the Pipeline's last step {name!r} is {last!r}, not an estimator; export a fitted model")
    inner_steps, estimator = split_pipeline(last)
    return list(steps) + inner_steps, estimator


def describe(model):
    """The provenance name of a model: ``Pipeline(ColumnTransformer, RandomForestClassifier)``."""
    if not isinstance(model, Pipeline):
        return type(model).__name__
    parts = [describe(step) for _, step in model.steps if step is not None and step != "passthrough"]
    return f"Pipeline({', '.join(parts)})"


def transform(transformer, frame, plan, who):
    """The frame ``transformer`` outputs for ``frame``, recording its steps in ``plan``."""
    if transformer is None or transformer == "passthrough":
        plan.use(frame)
        return frame
    if isinstance(transformer, Pipeline):
        for name, step in transformer.steps:
            frame = transform(step, frame, plan, f"{who} step {name!r}")
        return frame
    kind = type(transformer).__name__
    n_in = getattr(transformer, "n_features_in_", len(frame))
    if n_in != len(frame):
        raise ExportError(f"{who} ({kind}) expects {n_in} columns but receives {len(frame)}")
    if isinstance(transformer, ColumnTransformer):
        return _column_transformer(transformer, frame, plan, who)
    convert = CONVERTERS.get(type(transformer))
    if convert is None:
        raise ExportError(f"Unsupported transformer {kind} ({who}): ratchet imports {SUPPORTED_TRANSFORMERS}")
    plan.use(frame)
    return convert(transformer, frame, plan, f"{who} ({kind})")


def _column_transformer(ct, frame, plan, who):
    if ct.transformer_weights:
        raise ExportError(
            f"{who} (ColumnTransformer) has transformer_weights, which ratchet cannot replay; refit without them"
        )
    for name, _, columns in ct.transformers:
        if callable(columns):
            raise ExportError(
                f"{who} (ColumnTransformer) selects the columns of {name!r} with a callable "
                f"({getattr(columns, '__name__', type(columns).__name__)}); list the column names instead, "
                "so the exported model reads the same columns whatever the input"
            )
    owner = {}  # column index → the transformer that reads it
    out = []
    for name, transformer, _ in ct.transformers_:
        indices = list(ct._transformer_to_input_indices.get(name, []))
        if transformer == "drop" or not indices:
            continue
        for i in indices:
            if i in owner:
                other = "the same transformer twice" if owner[i] == name else f"both {owner[i]!r} and {name!r}"
                raise ExportError(
                    f"{who} (ColumnTransformer) sends column {frame[i].name!r} to {other}; ratchet transforms each "
                    "column once: give each column to one transformer (use a Pipeline to chain steps)"
                )
            owner[i] = name
        out.extend(transform(transformer, [frame[i] for i in indices], plan, f"{who} transformer {name!r}"))
    return out
