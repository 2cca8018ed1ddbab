"""Number formatting, JSON layout and padding conventions shared by the golden-file generators."""

import json
import math

import numpy as np


def f32(x):
    """The float32 value of x as the shortest decimal that parses back (Java Float.parseFloat) to the same float32."""
    value = np.float32(x)
    if not np.isfinite(value):
        raise ValueError(f"non-finite value {x} cannot be written to a golden file")
    return float(np.format_float_positional(value, unique=True, trim="-"))


def r5(x):
    """Rounded to 5 decimals, for values checked with a tolerance only."""
    if not math.isfinite(x):
        raise ValueError(f"non-finite value {x} cannot be written to a golden file")
    return round(float(x), 5)


def _render(value, indent):
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {_render(v, indent + 2)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [f"{pad}  {_render(v, indent + 2)}" for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    # Scalars and flat lists stay on one line so long arrays do not explode into thousands of lines.
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write_json(path, value):
    """Writes value as indented UTF-8 JSON whose flat lists are kept on a single line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_render(value, 0) + "\n", encoding="utf-8")


def positions_from_mask(mask):
    """Position ids for a left-padded batch as transformers' generate() builds them: count real tokens only,
    and give masked slots position 1 (their value is irrelevant because they are masked out)."""
    return (mask.cumsum(-1) - 1).masked_fill(mask == 0, 1)
