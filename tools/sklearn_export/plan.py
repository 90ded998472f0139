"""What preprocessing becomes in the artifact: features, steps and inputs.

ratchet applies preprocessing to a frame of named columns: each step reads
and rewrites columns by name, and a one-hot step replaces a category column
by one 0/1 column per level, named ``column=level``. ``Plan`` follows the
scikit-learn transformers through the same frame, so the steps it records
mean, in ratchet, what the transformers compute in scikit-learn.
"""

from dataclasses import dataclass

from .errors import ExportError
from .values import js_string, label_key


@dataclass(frozen=True)
class Column:
    """One column of the frame as a transformer sees it."""

    name: str  # its name in ratchet's preprocessing frame
    origin: str  # the raw input feature it comes from
    raw: bool  # still the raw value (at most imputed), so an encoder may take it


class Plan:
    """The features, preprocessing steps and kinds gathered while walking the transformers."""

    def __init__(self, feature_names):
        self.feature_names = list(feature_names)
        self.steps = []
        self._kinds = {}  # raw feature → "number" | "category"
        self._levels = {}  # raw feature → its encoder's levels
        self._refuses_unknown = {}  # raw feature → its encoder has handle_unknown="error"
        self._raw_fills = []  # (impute step, column, fill) of raw columns, checked in finish()
        self._used = set()
        self._names = set(self.feature_names)

    def initial_frame(self):
        """The frame of the raw input columns, in training order."""
        return [Column(name, name, True) for name in self.feature_names]

    def use(self, frame):
        """Records that the model reads these columns, so rows must have their features."""
        self._used.update(c.origin for c in frame)

    def add_step(self, step):
        """Appends a preprocessing step (a dict in the artifact's format)."""
        self.steps.append(step)

    def numeric(self, frame, who):
        """Marks columns that a scaler (or the model) does arithmetic on as numbers."""
        for c in frame:
            if c.raw:
                if self._kinds.get(c.origin) == "category":
                    raise ExportError(f"{who} scales column {c.origin!r}, which a OneHotEncoder also encodes")
                self._kinds[c.origin] = "number"

    def impute(self, frame, strategy, fills):
        """Records an imputation; fills of raw columns are checked once their kind is known."""
        step = {"type": "impute", "columns": [c.name for c in frame], "strategy": strategy, "fill": fills}
        self.add_step(step)
        for column, fill in zip(frame, fills):
            if column.raw:
                self._raw_fills.append((step, column, fill))
            elif not _is_number(fill):
                raise ExportError(f"SimpleImputer fills the numeric column {column.name!r} with the text {fill!r}")

    def one_hot(self, frame, levels, handle_unknown, drop, who):
        """Records a one-hot step and returns the columns it outputs, in scikit-learn's order."""
        out = []
        for column, column_levels, dropped in zip(frame, levels, drop or [None] * len(frame)):
            if not column.raw:
                raise ExportError(
                    f"{who} encodes column {column.name!r}, which an earlier step already turned into numbers; "
                    "ratchet one-hot encodes raw input columns only (impute them first if needed, nothing else)"
                )
            if self._kinds.get(column.origin) == "number":
                raise ExportError(f"{who} encodes column {column.origin!r}, which a scaler also treats as a number")
            self._kinds[column.origin] = "category"
            self._levels[column.origin] = column_levels
            self._refuses_unknown[column.origin] = handle_unknown == "error"
            for level in column_levels:
                if dropped is not None and label_key(level) == label_key(dropped):
                    continue
                name = f"{column.name}={js_string(level)}"
                if name in self._names:
                    raise ExportError(
                        f"{who} would name a one-hot column {name!r}, but a column of that name already exists; "
                        "rename the input column before fitting"
                    )
                self._names.add(name)
                out.append(Column(name, column.origin, False))
        step = {"type": "one_hot", "columns": [c.name for c in frame], "handle_unknown": handle_unknown}
        if drop is not None:
            step["drop"] = drop
        self.add_step(step)
        return out

    def finish(self, frame):
        """The artifact's ``features``, ``preprocessing`` and ``inputs`` for the model's input frame."""
        self.use(frame)
        self.numeric(frame, "the model")
        for step, column, fill in self._raw_fills:
            self._check_fill(step, column, fill)
        self.steps = [s for s in self.steps if s["type"] != "impute" or s["columns"]]
        features = []
        for name in self.feature_names:
            if name not in self._used:
                continue
            if self._kinds.get(name) == "category":
                features.append({"name": name, "type": "category", "levels": self._levels[name]})
            else:
                features.append({"name": name, "type": "number"})
        inputs = [c.name for c in frame]
        if len(set(inputs)) != len(inputs):
            dup = next(n for n in inputs if inputs.count(n) > 1)
            raise ExportError(f"the model receives column {dup!r} twice; ratchet needs distinct input columns")
        return features, self.steps, inputs

    def _check_fill(self, step, column, fill):
        if self._kinds.get(column.origin) == "category":
            levels = self._levels[column.origin]
            if label_key(fill) in {label_key(level) for level in levels}:
                return
            if self._refuses_unknown[column.origin]:
                # scikit-learn's encoder refuses the filled-in value as unknown, just as ratchet
                # refuses a missing value no imputer fills: leave the column out of the step.
                k = step["columns"].index(column.name)
                del step["columns"][k], step["fill"][k]
                return
            raise ExportError(
                f"SimpleImputer fills column {column.origin!r} with {fill!r}, which its OneHotEncoder "
                f"(handle_unknown='ignore') never saw (categories: {', '.join(map(repr, levels[:8]))}), "
                "so scikit-learn encodes a missing value as all zeros, which ratchet cannot replay; "
                "refit so the fill value occurs in training (e.g. impute with strategy='most_frequent')"
            )
        elif not _is_number(fill):
            raise ExportError(
                f"SimpleImputer fills column {column.origin!r} with the text {fill!r}, but no OneHotEncoder encodes "
                "that column, so ratchet reads it as a number"
            )


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
