"""What the views show: a result or a knowledge base with every text made `visible`.

Reports and knowledge bases carry text from outside the program (a --rules file, the name of a
file), so every view draws from a display copy made here, once, rather than escaping at each of
its many places. The copy is the object itself when nothing would change - the built-in knowledge
base and the reports scored with it - so the common path costs a walk over the strings and nothing
else. Ids are never changed: the knowledge base only allows plain ids (see knowledge.py).
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel

from execadvisor.untrusted import is_plain, visible

T = TypeVar("T")

_copies: dict[int, tuple[Any, Any]] = {}  # id(object) -> (object, its display copy), for knowledge bases


def for_display(value: T) -> T:
    """`value` (a model, a tuple, list or dict of them, or a string) with every string made visible;
    the same object wherever nothing changes. Enum members (the contract's answer values) are left
    as they are."""
    if isinstance(value, str):
        return value if isinstance(value, Enum) else visible(value)  # type: ignore[return-value]
    if isinstance(value, BaseModel):
        return _model(value)  # type: ignore[return-value]
    if isinstance(value, (tuple, list)):
        items = [for_display(item) for item in value]
        return value if all(a is b for a, b in zip(items, value)) else type(value)(items)  # type: ignore[return-value]
    if isinstance(value, dict):
        pairs = [(for_display(k), for_display(v)) for k, v in value.items()]
        same = all(k is k0 and v is v0 for (k, v), (k0, v0) in zip(pairs, value.items()))
        return value if same else dict(pairs)  # type: ignore[return-value]
    return value


def _model(model: BaseModel) -> BaseModel:
    fields = {name: getattr(model, name) for name in type(model).model_fields}
    shown = {name: for_display(value) for name, value in fields.items()}
    if all(shown[name] is fields[name] for name in fields):
        return model
    copy = type(model).model_construct(_fields_set=set(model.model_fields_set), **shown)
    private = getattr(model, "__pydantic_private__", None)
    if private:  # e.g. a knowledge base's identity, which messages show
        object.__setattr__(copy, "__pydantic_private__", {k: for_display(v) for k, v in private.items()})
    return copy


def knowledge_for_display(kb: T) -> T:
    """A knowledge base's display copy, made once per knowledge base (the knowledge base itself
    when its texts are plain, as the built-in one's are)."""
    if getattr(kb, "plain_text", False):
        return kb
    cached = _copies.get(id(kb))
    if cached is None or cached[0] is not kb:
        cached = _copies[id(kb)] = (kb, for_display(kb))
    return cached[1]


def report_for_display(report: Any, kb: T) -> tuple[Any, T]:
    """A report and the knowledge base it was scored with, as the views show them. A report's texts
    are its knowledge base's and that base's name, so with plain texts in both (the built-in
    knowledge base) there is nothing to walk: the objects themselves (a test holds reports to that)."""
    if getattr(kb, "plain_text", False) and is_plain(report.knowledge.name):
        return report, kb
    return for_display(report), knowledge_for_display(kb)
