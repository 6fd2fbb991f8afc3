"""A small TOML writer for manifests (tables, arrays of tables, strings, numbers, booleans,
lists): the derived editions' ``edition.toml``. Its output reads back as the same data."""

from __future__ import annotations

import json
import re

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: str) -> str:
    return name if _BARE.match(name) else json.dumps(name, ensure_ascii=False)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _table(data: dict, prefix: str, lines: list[str]) -> None:
    for name, value in data.items():
        if not isinstance(value, dict) and not _is_table_array(value):
            lines.append(f"{_key(name)} = {_value(value)}")
    for name, value in data.items():
        path = f"{prefix}.{_key(name)}" if prefix else _key(name)
        if isinstance(value, dict):
            lines.extend(["", f"[{path}]"])
            _table(value, path, lines)
        elif _is_table_array(value):
            for item in value:
                lines.extend(["", f"[[{path}]]"])
                for key, inner in item.items():  # tables inside an array entry: inline
                    lines.append(f"{_key(key)} = {_value(inner)}")


def dumps(data: dict) -> str:
    lines: list[str] = []
    _table(data, "", lines)
    return "\n".join(lines).lstrip("\n") + "\n"
