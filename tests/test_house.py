"""The house: each room (a package or module under execadvisor) has one job and a floor; a room
imports only from rooms on lower floors, and only their public names; no modules import each other
in a circle. Read from the source with ast - every import, at the top of a module or inside a
function - so the test fails the moment a change breaks the layout."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "execadvisor"

# Each room's floor, from the ground up. Rooms on one floor do not import each other.
FLOORS = {
    "untrusted": 0,  # text from outside, shown and never obeyed
    "version": 0,
    "errors": 1,  # the errors the program reports
    "streams": 2,  # files and streams: reading, writing, messages, the terminal held, the pager
    "core": 3,  # answers + knowledge base -> result objects; pure
    "views": 4,  # result objects -> text: terminal, Markdown, JSON documents
    "api": 4,  # the one way in: recommend, team, path, load_knowledge
    "session": 5,  # the founder's session: questionnaire, review, resume, the loop after the answer
    "cli": 6,  # the command line: parses and dispatches
}
FACES = {"__init__", "__main__"}  # the package's face and `python -m`: they only hand names on


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name below execadvisor ('core.scoring')."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name or "__init__"] = path
    return found


def imports(path: Path, name: str) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every import of the package in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name.removeprefix("execadvisor").lstrip("."), []) for alias in node.names
                      if alias.name == "execadvisor" or alias.name.startswith("execadvisor.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
            elif node.module and (node.module == "execadvisor" or node.module.startswith("execadvisor.")):
                base = node.module.removeprefix("execadvisor").lstrip(".")
            else:
                continue
            names = [alias.name for alias in node.names]
            submodules = [n for n in names if f"{base}.{n}".strip(".") in MODULES]  # `from package import module`
            found += [(f"{base}.{n}".strip("."), []) for n in submodules]
            if len(submodules) < len(names):
                found.append((base, [n for n in names if n not in submodules]))
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def room(module: str) -> str:
    return module.split(".")[0] if module else "__init__"


MODULES = modules()
GRAPH = {name: imports(path, name) for name, path in MODULES.items()}


def test_every_room_has_a_floor():
    assert {room(m) for m in GRAPH} - FACES == set(FLOORS), "a new room needs a floor here"


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_rooms_import_only_downwards_and_only_public_names(module):
    here = room(module)
    if here in FACES:
        return
    for target, names in GRAPH[module]:
        there = room(target)
        if there == here:
            continue
        if there in FACES:
            assert set(names) <= {"__version__"}, f"{module} imports {names} from the package's face"
            continue
        assert FLOORS[there] < FLOORS[here], f"{module} ({here}, floor {FLOORS[here]}) imports {target} ({there}, floor {FLOORS[there]})"
        private = [n for n in names if _private(n)] + ([target] if any(_private(p) for p in target.split(".")) else [])
        assert not private, f"{module} takes private names from another room: {private}"


def test_no_modules_import_each_other_in_a_circle():
    edges = {m: {t for t, _ in GRAPH[m] if t in GRAPH and t != m} for m in GRAPH}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_the_circle_test_can_fail(monkeypatch):
    """The circle finder finds a circle when there is one."""
    monkeypatch.setitem(GRAPH, "core.scoring", [*GRAPH["core.scoring"], ("cli.app", ["app"])])
    monkeypatch.setitem(GRAPH, "cli.app", [*GRAPH["cli.app"], ("core.scoring", ["recommend"])])
    with pytest.raises(AssertionError, match="import circle"):
        test_no_modules_import_each_other_in_a_circle()


def test_the_floor_test_can_fail(monkeypatch):
    """An import running back up, or a private name taken across rooms, fails the test."""
    monkeypatch.setitem(GRAPH, "core.scoring", [*GRAPH["core.scoring"], ("views.words", ["option_name"])])
    with pytest.raises(AssertionError, match="imports views.words"):
        test_rooms_import_only_downwards_and_only_public_names("core.scoring")
    monkeypatch.setitem(GRAPH, "views.words", [*GRAPH["views.words"], ("core.result", ["_Out"])])
    with pytest.raises(AssertionError, match="private names"):
        test_rooms_import_only_downwards_and_only_public_names("views.words")
