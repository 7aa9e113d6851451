"""Every short cut around a library's internals fails safe: simulate the library changing under it,
and the program still runs - only slower."""

from __future__ import annotations

import subprocess
import sys

import pytest

from execadvisor.core import contract
from execadvisor.core.contract import Answers
from conftest import BASE


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_the_pydantic_plugin_stand_in_hands_on_what_it_lacks():
    """A pydantic release that asks the plugin loader for more than get_plugins gets the real
    module's names; get_plugins takes whatever arguments it is given and finds no plugins."""
    result = _python(
        "from execadvisor.cli.entry import _without_pydantic_plugins\n"
        "_without_pydantic_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert tuple(get_plugins('any', 'arguments', key=1)) == ()\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP  # a name the stand-in does not define\n"
        "assert PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'\n"
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n"
        "    x: int\n"
        "assert M(x='1').x == 1\n"
        "print('ok')\n"
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_program_runs_without_the_plugin_loader_being_imported():
    result = _python(
        "import sys\n"
        "from execadvisor.cli.entry import _without_pydantic_plugins\n"
        "_without_pydantic_plugins()\n"
        "from execadvisor.core.knowledge import builtin_knowledge\n"
        "from execadvisor.core.scoring import recommend\n"
        f"from execadvisor.core.contract import Answers\nr = recommend(Answers.model_validate({BASE!r}), builtin_knowledge())\n"
        "print(r.recommendation.id, 'importlib.metadata' in sys.modules)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False", "the stand-in is what saves importing importlib.metadata"


def test_a_prompt_toolkit_without_the_loaders_is_left_alone(monkeypatch):
    """A release that builds its bindings some other way: the short cut finds nothing to wrap,
    changes nothing and does not fail - every prompt then builds its own, as prompt_toolkit does."""
    from prompt_toolkit.application import application

    from execadvisor.session.keys import default_key_bindings_built_once

    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        monkeypatch.delattr(application, name, raising=False)
    default_key_bindings_built_once()  # a release without them: nothing to wrap, nothing changed
    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        assert not hasattr(application, name)


def test_the_shared_bindings_pass_arguments_through(monkeypatch):
    from prompt_toolkit.application import application

    from execadvisor.session.keys import default_key_bindings_built_once

    calls = []

    def loader(*args, **kwargs):  # a release whose loader takes arguments
        calls.append((args, kwargs))
        return (args, tuple(sorted(kwargs.items())))

    monkeypatch.setattr(application, "load_key_bindings", loader)
    default_key_bindings_built_once()
    assert application.load_key_bindings("vi", mode=2) == (("vi",), (("mode", 2),))
    assert application.load_key_bindings() == ((), ())
    assert application.load_key_bindings("vi", mode=2) == (("vi",), (("mode", 2),)) and len(calls) == 2, "built once per arguments"


@pytest.fixture()
def fresh_proof(monkeypatch):
    monkeypatch.setattr(contract, "_FAST_CONSTRUCT", {})


def test_answers_built_fast_are_proved_first(fresh_proof):
    plain = {**BASE, "priorities": ["brand", "retention"]}
    built = Answers.canonical(plain)
    assert contract._FAST_CONSTRUCT[Answers] is True, "on this pydantic the short cut holds"
    assert built == Answers.model_validate(plain) and built.model_dump_json() == Answers.model_validate(plain).model_dump_json()


def test_answers_are_still_built_when_pydantic_lays_models_out_otherwise(monkeypatch, fresh_proof):
    """A release that keeps a model's fields somewhere the short cut does not set them: the proof
    fails, and every answer is built by model_construct instead - equal to what validation gives."""
    monkeypatch.setattr(contract, "FAST_ATTRIBUTES", ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))
    plain = {**BASE, "priorities": ["brand", "retention"]}
    built = Answers.canonical(plain)
    assert contract._FAST_CONSTRUCT[Answers] is False
    assert built == Answers.model_validate(plain)
    assert built.model_dump_json() == Answers.model_validate(plain).model_dump_json()
    assert hash(built) == hash(Answers.model_validate(plain))
