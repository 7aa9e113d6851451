"""The session's prompts (questionary on prompt_toolkit) and what each key means in them.

Everywhere in the session the same keys mean the same things:
- Esc or Ctrl-D goes back one level - from changing an answer to the list it was picked from, from
  a file name to "What next?" - and at the top (a question of the questionnaire, its review, "What
  next?") cancels;
- Ctrl-C, or SIGINT sent with `kill`, cancels at once from any level;
- the left arrow, or the "<- Back" choice, returns to the previous question.
A prompt returns its answer, BACK (the previous question) or UP (one level up); cancelling raises
KeyboardInterrupt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.application import Application
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import FormattedTextControl, Layout, Window
from prompt_toolkit.styles import Style

from execadvisor.core.contract import MAX_PRIORITIES, MIN_PRIORITIES

BACK = "\x00back"  # the previous question
UP = "\x00up"  # one level up
YES_NO = {True: "Yes", False: "No"}
BACK_TITLE = "<- Back to the previous question"


def _levels(question: questionary.Question, *, top: bool, can_go_back: bool = False,
            on_back: Callable[[], None] | None = None) -> questionary.Question:
    """The session's keys on one prompt (see the module's docstring)."""
    bindings = KeyBindings()

    def cancel(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    def up(event: Any) -> None:
        if top:
            cancel(event)
        else:
            event.app.exit(result=UP)

    bindings.add("escape", eager=True)(up)
    bindings.add("c-d", eager=True)(up)
    bindings.add("c-c", eager=True)(cancel)
    bindings.add(Keys.SIGINT, eager=True)(cancel)  # `kill -INT`: prompt_toolkit turns the signal into this key

    if can_go_back:
        @bindings.add("left", eager=True)
        def _back(event: Any) -> None:
            if on_back is not None:
                on_back()
            event.app.exit(result=BACK)

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings]) if app.key_bindings else bindings
    return question


def ask(question: questionary.Question, *, top: bool, can_go_back: bool = False, on_back: Callable[[], None] | None = None) -> Any:
    """Ask one prompt with the session's keys; returns the answer, BACK or UP."""
    return _levels(question, top=top, can_go_back=can_go_back, on_back=on_back).unsafe_ask()


def _choice_control(question: questionary.Question) -> Any:
    """The choice list of a questionary prompt (its InquirerControl), found in its layout."""
    from questionary.prompts.common import InquirerControl

    return next(w.content for w in question.application.layout.find_all_windows() if isinstance(w.content, InquirerControl))


def priorities_valid(picked: list[str]) -> bool | str:
    if MIN_PRIORITIES <= len(picked) <= MAX_PRIORITIES:
        return True
    return f"Pick {MIN_PRIORITIES} to {MAX_PRIORITIES} priorities (space to select); you picked {len(picked)}."


def question_prompt(question: Any, title: str, output: Any, current: Any, *, top: bool, can_go_back: bool,
                    draft: Callable[[list[str]], None] | None = None) -> Any:
    """Ask one question of the questionnaire (a knowledge-base Question or the built-in QuestionText);
    returns its answer (in the Answers model's terms), BACK or UP. For a question with several
    picks, `draft` receives the picks made so far when the person goes back, so that they are
    pre-selected when the question comes round again."""
    prompt, keep_picks = build_question(question, title, output, current, can_go_back=can_go_back, draft=draft)
    return ask(prompt, top=top, can_go_back=can_go_back, on_back=keep_picks)


def build_question(question: Any, title: str, output: Any, current: Any, *, can_go_back: bool,
                   draft: Callable[[list[str]], None] | None = None) -> tuple[questionary.Question, Callable[[], None] | None]:
    """The prompt for one question, with its Back choice, and what to do on the way back."""
    back = [questionary.Separator(" "), questionary.Choice(BACK_TITLE, value=BACK)] if can_go_back else []
    if question.kind == "many":
        picked = set(current or ())
        choices = [questionary.Choice(title=c.label, value=c.value, checked=c.value in picked) for c in question.choices]
        instruction = (f"(space picks {MIN_PRIORITIES} to {MAX_PRIORITIES}, enter confirms"
                       + (", left arrow or Back goes back)" if can_go_back else ")"))
        prompt = questionary.checkbox(title, choices=[*choices, *back], validate=priorities_valid, instruction=instruction, output=output)
        if not can_go_back:
            return prompt, None
        control = _choice_control(prompt)

        def keep_picks() -> None:
            if draft is not None:
                draft([v for v in control.selected_options if v != BACK])

        on_back_choice = Condition(lambda: control.get_pointed_at().value == BACK)
        bindings = KeyBindings()

        @bindings.add("enter", eager=True, filter=on_back_choice)
        @bindings.add(" ", eager=True, filter=on_back_choice)
        def _back(event: Any) -> None:  # the Back choice goes back at once, never counted as a pick
            keep_picks()
            event.app.exit(result=BACK)

        prompt.application.key_bindings = merge_key_bindings([prompt.application.key_bindings, bindings])
        return prompt, keep_picks
    if question.kind == "yes_no":
        choices = [questionary.Choice(title=YES_NO[v], value=v) for v in (True, False)]
        default = next(c for c in choices if c.value == (current if isinstance(current, bool) else False))
    else:
        choices = [questionary.Choice(title=c.label, value=c.value) for c in question.choices]
        default = next((c for c in choices if c.value == current), choices[0])
    instruction = "(arrows move, enter picks" + (", left arrow or Back goes back)" if can_go_back else ")")
    return questionary.select(title, choices=[*choices, *back], default=default, instruction=instruction, output=output), None


def one_key(question: str, hint: str, keys: dict[str, str], output: Any, answered: Callable[[str], str]) -> str:
    """A prompt answered by one key, without Enter: `keys` maps each key to what it returns, `hint`
    says which (on the prompt's line, after `question`). Esc,
    Ctrl-D, Ctrl-C and SIGINT return "quit" (this prompt is a top level: cancelling it is
    quitting). The line left on screen says what was chosen, in `answered(choice)`'s words."""
    chosen: list[str] = []
    bindings = KeyBindings()

    def pick(value: str) -> Callable[[Any], None]:
        def handler(event: Any) -> None:
            chosen.append(value)
            event.app.exit(result=value)
        return handler

    for key, value in keys.items():
        bindings.add(key, eager=True)(pick(value))
        bindings.add(key.upper(), eager=True)(pick(value))
    for key in ("escape", "c-d", "c-c", Keys.SIGINT):
        bindings.add(key, eager=True)(pick("quit"))
    bindings.add(Keys.Any)(lambda event: None)  # anything else, Enter included, does nothing

    def tokens() -> list[tuple[str, str]]:
        if chosen:
            return [("class:qmark", "?"), ("class:question", f" {question} "), ("class:answer", answered(chosen[0]))]
        return [("class:qmark", "?"), ("class:question", f" {question} "), ("class:instruction", hint)]

    from questionary.constants import DEFAULT_STYLE

    app: Application[str] = Application(
        layout=Layout(Window(FormattedTextControl(tokens, show_cursor=False), dont_extend_height=True)),
        key_bindings=bindings, style=Style(DEFAULT_STYLE.style_rules), output=output, erase_when_done=False,
    )
    return app.run()
