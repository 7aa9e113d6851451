"""The founder's session: the questionnaire (each question in turn, going back, the review, resuming
an interrupted run) and the loop after the answer. Imported only when a person is asked something:
it brings the prompt library with it."""

from execadvisor.session.loop import Actions, explore
from execadvisor.session.questionnaire import Asked, ask_questions, prompt_stream
from execadvisor.session.state import forget, forget_all

__all__ = ["Actions", "Asked", "ask_questions", "explore", "forget", "forget_all", "prompt_stream"]
