"""The founder's session: the questionnaire (each question in turn, going back, the review, resuming
an interrupted run) and the loop after the answer. Imported only when a person is asked something;
each name is loaded on first use, so the first question does not wait for the loop's modules."""

from typing import TYPE_CHECKING

_FACE = {"Actions": "loop", "explore": "loop", "Asked": "questionnaire", "ask_questions": "questionnaire",
         "prompt_stream": "questionnaire", "forget": "state", "forget_all": "state"}
__all__ = sorted(_FACE)

if TYPE_CHECKING:
    from execadvisor.session.loop import Actions, explore
    from execadvisor.session.questionnaire import Asked, ask_questions, prompt_stream
    from execadvisor.session.state import forget, forget_all


def __getattr__(name: str) -> object:
    if name in _FACE:
        import importlib

        return getattr(importlib.import_module(f"execadvisor.session.{_FACE[name]}"), name)
    raise AttributeError(f"module 'execadvisor.session' has no attribute {name!r}")
