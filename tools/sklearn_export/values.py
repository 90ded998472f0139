"""Turning numpy values into plain JSON values, and naming them the way ratchet does.

ratchet reads the artifact in JavaScript, so two details matter: every number
must be finite (JSON has no NaN), and a one-hot column is named with the
level as JavaScript's ``String(level)`` writes it (``c=2``, not ``c=2.0``).
"""

import math
from decimal import Decimal

import numpy as np

from .errors import ExportError


def floats(values, what):
    """A list of finite Python floats from an array; ``what`` names it in the error."""
    array = np.asarray(values, dtype=np.float64)
    if not np.isfinite(array).all():
        raise ExportError(
            f"{what} holds NaN or infinite values, which an artifact cannot store; "
            "refit the model on finite data"
        )
    return array.tolist()


def ints(values):
    """A list of Python ints from an integer array."""
    return np.asarray(values, dtype=np.int64).tolist()


def label(value, what):
    """A class label or category level as a JSON string, finite number or boolean."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise ExportError(
                f"{what} contains {value}: missing or infinite values cannot be a level or label; "
                "impute them (SimpleImputer) before the encoder, or drop those rows before fitting"
            )
        return float(value)
    if isinstance(value, (str, np.str_)):
        return str(value)
    if value is None:
        raise ExportError(
            f"{what} contains None (a missing value): impute it (SimpleImputer) before the "
            "encoder, or drop those rows before fitting"
        )
    raise ExportError(
        f"{what} contains {value!r} of type {type(value).__name__}: ratchet takes strings, "
        "numbers and booleans as levels and labels"
    )


def hyperparameter(value):
    """``(True, json_value)`` for a JSON scalar (str, int, finite float, bool, None), else ``(False, None)``."""
    if value is None or isinstance(value, (bool, np.bool_)):
        return True, (None if value is None else bool(value))
    if isinstance(value, (int, np.integer)):
        return True, int(value)
    if isinstance(value, (float, np.floating)):
        return (True, float(value)) if math.isfinite(float(value)) else (False, None)
    if isinstance(value, (str, np.str_)):
        return True, str(value)
    return False, None


def label_key(value):
    """How ratchet compares levels: by type family and value (``2`` and ``2.0`` match, ``"2"`` does not)."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", float(value))
    return ("s", value)


def js_string(value):
    """``String(value)`` in JavaScript, for the JSON value ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    return _js_number(float(value))


def _js_number(x):
    # ECMAScript Number::toString: the shortest round-trip digits (which
    # Python's repr also finds), laid out by JavaScript's exponent rules.
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    n = len(digit_tuple) + exponent  # value = 0.digits × 10^n
    k = len(digits)
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
        body = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + body
