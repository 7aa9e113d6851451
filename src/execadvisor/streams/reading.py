"""Reading YAML and JSON files safely (writing.py writes the files that survive).

Only plain data is ever built. Input is read up to a size limit and no further (so /dev/zero or an
endless pipe is refused, not swallowed). YAML is first walked as a stream of parser events, which
needs no recursion: anchors and aliases are refused there (they are how "billion laughs" and
merge-key bombs blow up), and so is nesting deeper than MAX_DEPTH, before any Python object is
built. Only then is it loaded, with the safe loader (the C one when PyYAML has it), so no tag can
run code. Duplicate keys are refused in YAML and in JSON, in every style (a flow mapping on one line
too), naming the key and its line (and column). UTF-16 and UTF-32 files (with a byte-order mark)
are decoded. Every problem is an `InputError` naming the file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from execadvisor.errors import InputError, echoed

MAX_DEPTH = 50
MAX_NODES = 200_000
STDIN = "-"

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
)


def _loader() -> type:
    """The safe loader (C when available), refusing duplicate keys."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: dict[Any, tuple[int, int]] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                try:
                    first = seen.setdefault(key, at)
                except TypeError:  # an unhashable key: the base class reports it
                    break
                if first != at:  # in block style a repeat is on a later line; in flow style it may share one
                    where = f"line {at[0]}" if first[0] != at[0] else f"line {at[0]}, column {at[1]}"
                    earlier = f"on line {first[0]}" if first[0] != at[0] else f"at column {first[1]}"
                    raise InputError(f"{where}: the key {echoed(key)} is given twice (first {earlier})")
            return super().construct_mapping(node, deep=deep)

    return StrictLoader


KeyCheck = Callable[[str], None]  # raises InputError for a top-level key the file may not have


class _TopLevelKeys:
    """Checks the keys of a YAML file's top-level mapping as the parser's events pass, so that a
    file of 100,000 unknown keys is refused without loading it (loading takes seconds, walking a
    fraction). The first key refused is kept for the end of the walk: what the walk itself refuses
    comes first. Where loading would refuse something before the keys are checked - a key that is
    not plain text or is given twice (at any level), a YAML tag or anchor, a second document - it
    stands down, and the loader reports as it always did."""

    def __init__(self, check: KeyCheck) -> None:
        import yaml

        self.yaml, self.resolver = yaml, yaml.resolver.Resolver()
        self.check: KeyCheck | None = check
        self.refused: InputError | None = None
        self.documents = 0
        self.open: list[list[Any] | None] = []  # per open collection: [next node is a key, keys seen] for a mapping

    def see(self, event: Any) -> None:
        yaml = self.yaml
        parent = self.open[-1] if self.open else None
        if getattr(event, "tag", None) is not None or getattr(event, "anchor", None) is not None or \
                (isinstance(event, yaml.DocumentStartEvent) and self.documents) or \
                (parent is None and isinstance(event, yaml.SequenceStartEvent)):
            self.check = self.refused = None
            return
        if parent is not None and isinstance(event, yaml.NodeEvent):
            if parent[0]:
                self._key(event, parent[1])
            parent[0] = not parent[0]
        self.documents += isinstance(event, yaml.DocumentStartEvent)
        if isinstance(event, yaml.CollectionStartEvent):
            self.open.append([True, set()] if isinstance(event, yaml.MappingStartEvent) else None)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.open.pop()

    def _key(self, event: Any, seen: set[str]) -> None:
        yaml = self.yaml
        text = isinstance(event, yaml.ScalarEvent) and \
            self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit) == "tag:yaml.org,2002:str"
        if not text or event.value in seen:  # only text is compared: 1 and yes are one key once loaded (1 == True)
            self.check = self.refused = None
            return
        seen.add(event.value)
        if len(self.open) == 1 and self.refused is None:
            try:
                self.check(event.value)  # type: ignore[misc]
            except InputError as exc:
                self.refused = exc


def _check_events(text: str, where: str, check_key: KeyCheck | None = None) -> None:
    """Walk YAML parser events (no recursion, no objects built): refuse aliases and deep nesting;
    with `check_key`, the top-level keys too (see _TopLevelKeys)."""
    import yaml

    parser = getattr(yaml, "CBaseLoader", None) or yaml.SafeLoader  # the C parser: yaml has no CParser name of its own
    keys = _TopLevelKeys(check_key) if check_key is not None else None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=parser):
            if keys is not None and keys.check is not None:
                keys.see(event)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise InputError(f"{where}: line {event.start_mark.line + 1}: nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                raise InputError(f"{where}: line {event.start_mark.line + 1}: YAML anchors and aliases (&name, *name) are not "
                                 "supported; write the values out")
    except yaml.MarkedYAMLError as exc:  # libyaml's own limit (1,000 levels), met while it looks ahead
        if exc.problem != "exceeded maximum nesting depth" or exc.problem_mark is None:
            raise
        raise InputError(f"{where}: line {exc.problem_mark.line + 1}: nested more than {MAX_DEPTH} levels deep") from None
    if keys is not None and keys.refused is not None:
        raise keys.refused


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads_json(text: str | bytes) -> Any:
    """json.loads refusing duplicate keys (raises _DuplicateKey, a ValueError)."""
    import json

    return json.loads(text, object_pairs_hook=_json_pairs)


def _duplicate_json_key(text: str, key: str, where: str) -> InputError:
    import json

    quoted = re.escape(json.dumps(key))
    found = [(text.count("\n", 0, m.start()) + 1, m.start() - text.rfind("\n", 0, m.start()))
             for m in re.finditer(quoted + r"\s*:", text)][:2]
    if len(found) < 2:  # written with escapes the search does not match: the key alone
        return InputError(f"{where}: the key {echoed(key)} is given twice")
    (line, column), (first_line, first_column) = found[1], found[0]
    at = f"line {line}" if line != first_line else f"line {line}, column {column}"
    earlier = f"on line {first_line}" if line != first_line else f"at column {first_column}"
    return InputError(f"{where}: {at}: the key {echoed(key)} is given twice (first {earlier})")


def _check_plain_tree(data: Any, where: str) -> None:
    """Refuse deep nesting and huge node counts in loaded data, without recursion."""
    stack = [(data, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, (dict, list)):
            continue
        nodes += len(node)
        if depth >= MAX_DEPTH:
            raise InputError(f"{where}: nested more than {MAX_DEPTH} levels deep")
        if nodes > MAX_NODES:
            raise InputError(f"{where}: more than {MAX_NODES:,} values; this is not an answers or knowledge file")
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


def parse_mapping(text: str, where: str, *, as_json: bool = False, check_key: KeyCheck | None = None) -> dict[str, Any]:
    """Parse YAML (or JSON) text that must hold one mapping of plain data (see _check_events for
    `check_key`)."""
    if as_json:
        try:
            data = loads_json(text)
        except _DuplicateKey as exc:
            raise _duplicate_json_key(text, exc.key, where) from None
        except RecursionError:
            raise InputError(f"{where}: nested too deeply to read") from None
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            raise InputError(f"{where}: not valid JSON: {exc}") from None
    else:
        data = _parse_yaml(text, where, check_key)
    if data is None:
        raise InputError(f"{where}: the file is empty; expected a mapping of keys to values")
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a mapping of keys to values, found {_kind(data)}")
    _check_plain_tree(data, where)
    return data


def _parse_yaml(text: str, where: str, check_key: KeyCheck | None) -> Any:
    import yaml

    try:
        _check_events(text, where, check_key)
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader, always
    except InputError as exc:
        message = str(exc)
        raise InputError(message if message.startswith(f"{where}: ") else f"{where}: {message}") from None
    except RecursionError:
        raise InputError(f"{where}: nested too deeply to read") from None
    except Exception as exc:  # yaml.YAMLError and its subclasses, and a constructor's ValueError
        tag = re.search(r"constructor for the tag '([^']+)'", getattr(exc, "problem", "") or "")
        if tag:
            name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            raise InputError(f"{where}: the YAML tag {echoed(name)} is not allowed; only plain data (text, numbers, lists, mappings)") from None
        detail = " ".join(str(exc).split())
        raise InputError(f"{where}: not valid YAML: {detail}") from None


def read_limited(stream: BinaryIO, max_bytes: int, where: str) -> bytes:
    """At most `max_bytes` from a file or a pipe; refuses anything longer without reading it all."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputError(f"{where}: larger than the limit of {max_bytes:,} bytes")
    return raw


def decode_text(raw: bytes, where: str) -> str:
    """UTF-8 text (UTF-16 and UTF-32 too, when they start with a byte-order mark)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError:
                raise InputError(f"{where}: starts like {codec.upper()} text but is not valid {codec.upper()}") from None
    if b"\x00" in raw:
        raise InputError(f"{where}: looks like a binary file, not YAML or JSON text (UTF-16 files need a byte-order mark)")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (byte {exc.start:,} is not valid UTF-8); save it as UTF-8") from None


def read_bytes(path: Path | str, *, max_bytes: int) -> bytes:
    """A file's bytes (stdin for `-`), up to the limit; every problem an InputError naming it."""
    where = "stdin" if str(path) == STDIN else str(path)
    if str(path) == STDIN:
        return read_limited(sys.stdin.buffer, max_bytes, where)
    try:
        with open(path, "rb") as stream:
            return read_limited(stream, max_bytes, where)
    except IsADirectoryError:
        raise InputError(f"{where}: is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError(f"{where}: no such file") from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None


def read_mapping(path: Path | str, *, max_bytes: int, raw: bytes | None = None, check_key: KeyCheck | None = None) -> dict[str, Any]:
    """Read a YAML or JSON file (JSON by the `.json` suffix) holding one mapping; `-` is stdin
    (JSON when it starts with `{`, else YAML). `raw`: the bytes, when already read."""
    where = "stdin" if str(path) == STDIN else str(path)
    text = decode_text(read_bytes(path, max_bytes=max_bytes) if raw is None else raw, where)
    as_json = text.lstrip().startswith("{") if str(path) == STDIN else Path(path).suffix.lower() == ".json"
    return parse_mapping(text, where, as_json=as_json, check_key=check_key)


def _kind(data: Any) -> str:
    return {list: "a list", str: "a single string", bool: "a single true/false"}.get(type(data), f"a single {type(data).__name__}")
