"""Reading YAML and JSON files safely, and writing files atomically.

Only plain data is ever built: YAML is read with the safe loader (the C one when PyYAML has it),
so no tag can run code. Anchors and aliases are refused (they are how "billion laughs" files blow
up), as are files over a size limit, binary files and documents nested absurdly deep. Every
problem is an `InputError` naming the file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from execadvisor.errors import InputError

MAX_DEPTH = 50
MAX_NODES = 200_000


def _loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_plain_tree(data: Any, where: str) -> None:
    """Refuse shared nodes (YAML aliases), deep nesting and huge node counts, without recursion."""
    seen: set[int] = set()
    stack = [(data, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        if id(node) in seen:
            raise InputError(f"{where}: YAML anchors and aliases (&name, *name) are not supported; write the values out")
        seen.add(id(node))
        nodes += len(node)
        if depth >= MAX_DEPTH:
            raise InputError(f"{where}: nested more than {MAX_DEPTH} levels deep")
        if nodes > MAX_NODES:
            raise InputError(f"{where}: more than {MAX_NODES:,} values; this is not an answers or knowledge file")
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


def parse_mapping(text: str, where: str, *, as_json: bool = False) -> dict[str, Any]:
    """Parse YAML (or JSON) text that must hold one mapping of plain data."""
    try:
        if as_json:
            import json

            data = json.loads(text)
        else:
            import yaml

            data = yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader, always
    except RecursionError:
        raise InputError(f"{where}: nested too deeply to read") from None
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise InputError(f"{where}: not valid JSON: {exc}") from None
    except Exception as exc:  # yaml.YAMLError and its subclasses
        tag = re.search(r"constructor for the tag '([^']+)'", getattr(exc, "problem", "") or "")
        if tag:
            name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            raise InputError(f"{where}: the YAML tag {name!r} is not allowed; only plain data (text, numbers, lists, mappings)") from None
        detail = " ".join(str(exc).split())
        raise InputError(f"{where}: not valid YAML: {detail}") from None
    if data is None:
        raise InputError(f"{where}: the file is empty; expected a mapping of keys to values")
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a mapping of keys to values, found {_kind(data)}")
    _check_plain_tree(data, where)
    return data


def read_mapping(path: Path, *, max_bytes: int) -> dict[str, Any]:
    """Read a YAML or JSON file (JSON by the `.json` suffix) holding one mapping."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{where}: {size:,} bytes is too large; the limit is {max_bytes:,} bytes")
        raw = path.read_bytes()
    except InputError:
        raise
    except IsADirectoryError:
        raise InputError(f"{where}: is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:  # a file that grew, or a device, between stat and read
        raise InputError(f"{where}: too large; the limit is {max_bytes:,} bytes")
    if b"\x00" in raw:
        raise InputError(f"{where}: looks like a binary file, not YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start:,} is not valid UTF-8); save it as UTF-8") from None
    return parse_mapping(text, where, as_json=path.suffix.lower() == ".json")


def _kind(data: Any) -> str:
    return {list: "a list", str: "a single string", bool: "a single true/false"}.get(type(data), f"a single {type(data).__name__}")


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of either; on any error the old file is
    left as it was and the temporary file is removed.
    """
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
