"""Readable JSON laid out as ratchet's ``prettyJson`` lays it out.

Objects get one key a line and arrays of plain values stay on one line, so a
forest's thresholds are one line per array rather than one line per number.
Floats keep Python's ``repr`` (the shortest text that reads back to the same
double); NaN and infinities are refused rather than written as invalid JSON.
"""

import json


def pretty_json(value):
    """``value`` (plain Python data) as indented JSON text ending with a newline."""
    return _format(value, "") + "\n"


def _scalar(value):
    return json.dumps(value, allow_nan=False, ensure_ascii=False)


def _is_scalar(value):
    return not isinstance(value, (list, tuple, dict))


def _format(value, indent):
    if _is_scalar(value):
        return _scalar(value)
    inner = indent + "  "
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        if all(_is_scalar(v) for v in value):
            return "[" + ", ".join(_scalar(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _format(v, inner) for v in value) + "\n" + indent + "]"
    if not value:
        return "{}"
    entries = (f"{inner}{_scalar(str(k))}: {_format(v, inner)}" for k, v in value.items())
    return "{\n" + ",\n".join(entries) + "\n" + indent + "}"
