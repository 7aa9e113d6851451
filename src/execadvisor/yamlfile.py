"""Reading YAML and JSON files safely, and writing files that survive.

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

import contextlib
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from execadvisor.errors import InputError, OutputError, echoed

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


# errno values that mean the output cannot be written at all (exit 1), as opposed to a bad path (exit 2)
_DEVICE_FULL = {28, 5, 122, 27}  # ENOSPC, EIO, EDQUOT, EFBIG


def _write_failed(target: object, exc: OSError) -> Exception:
    message = f"{target}: cannot write: {exc.strerror or exc}"
    return OutputError(message) if exc.errno in _DEVICE_FULL else InputError(message)


# A stream named as a path: written to the descriptor already open, never opened anew (which would
# truncate a file opened for appending, or fail for a pipe) and never replaced.
_STREAM = re.compile(r"/dev/(?:std(in|out|err)|fd/(\d+))|/proc/self/fd/(\d+)")
_STD = {"in": 0, "out": 1, "err": 2}


def stream_descriptor(path: Path | str) -> int | None:
    """The descriptor an output path names when it names a stream (/dev/stdout, /dev/fd/3,
    /proc/self/fd/3...), else None."""
    found = _STREAM.fullmatch(os.path.normpath(str(path)))
    if found is None:
        return None
    std, number, proc = found.groups()
    return _STD[std] if std else int(number or proc)


MAX_KEPT_NAME = 100  # bytes of an output's name kept in its temporary's name, which then always fits
UNENCODABLE = "backslashreplace"  # a lone surrogate (a command-line byte that was not UTF-8) is written as \udcff


def _temporary(directory: Path, name: str, live: set[str]) -> tuple[int, str]:
    """A new file beside the output, named after it (`.NAME.1f2e3d4c.tmp`, NAME cut to 100 bytes so
    that a 255-byte NAME still leaves room): its descriptor and path, the path in `live` before the
    file exists (see _removed_on_signals)."""
    kept = os.fsdecode(os.fsencode(name)[:MAX_KEPT_NAME])
    for _ in range(100):
        path = str(directory / f".{kept}.{os.urandom(4).hex()}.tmp")
        live.add(path)
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600), path
        except FileExistsError:
            live.discard(path)
    raise FileExistsError(f"no free temporary name in {directory}")


class _Staged:
    """One output, prepared so that committing it cannot fail half-way for a regular file."""

    def __init__(self, target: Path, text: str, live: set[str]) -> None:
        self.shown, self.text, self.tmp, self.stat = target, text, None, None
        self.fd = stream_descriptor(target)
        if self.fd is not None:
            _check_stream(target, self.fd)
            return
        self.path = Path(os.path.realpath(target))  # a symlink is written through, to its target
        try:
            self.stat = os.stat(self.path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _write_failed(target, exc) from None
        if self.stat is not None and stat.S_ISDIR(self.stat.st_mode):
            raise InputError(f"{target}: is a directory, not a file")
        if self.in_place:
            return  # a FIFO, a device or a hard-linked file: written to, never replaced
        try:
            fd, self.tmp = _temporary(self.path.parent, self.path.name, live)
            with os.fdopen(fd, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if self.stat is not None:
                os.chmod(self.tmp, self.stat.st_mode & 0o777)  # never setuid, setgid or sticky
                if (self.stat.st_uid, self.stat.st_gid) != (os.getuid(), os.getgid()) and hasattr(os, "chown"):
                    try:
                        os.chown(self.tmp, self.stat.st_uid, self.stat.st_gid)
                    except PermissionError:
                        pass  # only root may give a file away; the content still goes to the same path
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)
        except OSError as exc:
            raise _write_failed(target, exc) from None

    @property
    def in_place(self) -> bool:
        return self.fd is not None or (self.stat is not None and (not stat.S_ISREG(self.stat.st_mode) or self.stat.st_nlink > 1))

    def commit(self, live: set[str]) -> None:
        try:
            if self.fd is not None:
                _write_stream(self.fd, self.text)
            elif self.tmp is None:
                with open(self.path, "w", encoding="utf-8", errors=UNENCODABLE, newline="\n") as handle:
                    handle.write(self.text)
            else:
                os.replace(self.tmp, self.path)
                live.discard(self.tmp)
        except BrokenPipeError:
            raise  # the reader left: the program ends quietly (see execadvisor.cli)
        except OSError as exc:
            raise _write_failed(self.shown, exc) from None


def _std_stream(fd: int) -> Any:
    return {0: sys.stdin, 1: sys.stdout, 2: sys.stderr}.get(fd)


def _check_stream(target: Path, fd: int) -> None:
    """A stream named as an output must be open: exit 2 naming it, before anything is written."""
    stream = _std_stream(fd)
    if fd in (0, 1, 2) and (stream is None or getattr(stream, "closed", False)):
        raise InputError(f"{target}: not open: {('stdin', 'stdout', 'stderr')[fd]} is closed")
    if fd not in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            raise InputError(f"{target}: not open: there is no file descriptor {fd}") from None


def _write_stream(fd: int, text: str) -> None:
    """Write to an open descriptor as it is (its position, its append mode): stdout and stderr
    through their Python streams, so that what the run printed before stays in order."""
    stream = _std_stream(fd)
    if fd in (1, 2):
        stream.write(text)
        stream.flush()
        return
    data = text.encode("utf-8", errors=UNENCODABLE)
    while data:
        data = data[os.write(fd, data):]


_CAUGHT = ("SIGINT", "SIGTERM", "SIGHUP")


@contextlib.contextmanager
def _removed_on_signals(live: set[str]) -> Iterator[None]:
    """While outputs are written, SIGINT, SIGTERM and SIGHUP first remove the temporaries in `live`,
    then do what they did before (Ctrl-C's "Aborted.", the default end of a process): an
    interrupted write leaves no hidden file behind. Nothing changes where a signal is ignored, or
    away from the main thread (where Python cannot handle signals)."""
    import signal

    previous: dict[int, Any] = {}

    def remove_then_resume(signum: int, frame: Any) -> None:
        for path in list(live):
            Path(path).unlink(missing_ok=True)
        old = previous[signum]
        if callable(old):
            old(signum, frame)
        else:  # SIG_DFL: end the process as the signal would have
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    try:
        for name in _CAUGHT:
            signum = getattr(signal, name, None)
            old = signal.getsignal(signum) if signum is not None else None
            if old is not None and old != signal.SIG_IGN:
                signal.signal(signum, remove_then_resume)
                previous[signum] = old
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def write_outputs(outputs: list[tuple[Path | str, str]]) -> None:
    """Write every output, or - when any cannot be prepared - none of them.

    `-` is stdout. A regular file is written to a temporary file beside it and renamed over it, so a
    reader sees the old file or the new one, never half of either, and on any error (Ctrl-C, SIGTERM
    or SIGHUP too) the old file is left as it was and the temporary removed. A symlink is followed
    and its target written. A stream named as a path (/dev/stdout, /dev/fd/N) is written to that
    open descriptor, as it is. A FIFO or a device is written to, never replaced; so is a file with
    other hard links, which a rename would split off - those are written first, so that when one
    fails no other output has been touched. An existing file keeps its owner (where the user may
    set it) and its permission bits, never a setuid, setgid or sticky bit."""
    live: set[str] = set()  # temporaries that exist, or are about to
    with _removed_on_signals(live):
        try:
            staged = [_Staged(Path(target), text, live) for target, text in outputs if str(target) != STDIN]
            # What is written in place (a stream, a device, a FIFO, a hard-linked file) can fail half-way
            # and cannot be undone, so it goes first: if it fails, no prepared file has replaced anything yet.
            for item in sorted(staged, key=lambda item: not item.in_place):
                item.commit(live)
        finally:
            for path in list(live):
                Path(path).unlink(missing_ok=True)
    for target, text in outputs:
        if str(target) == STDIN:
            sys.stdout.write(text)


def atomic_write(path: Path | str, text: str) -> None:
    """Write one file (or stdout for `-`) as `write_outputs` does."""
    write_outputs([(path, text)])


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name the same existing file (through links, `..` and the like)."""
    if STDIN in (str(a), str(b)):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)
