"""Hypothesis strategies over the whole answer space (567,000 questionnaires)."""

from hypothesis import strategies as st

from execadvisor.core.contract import QUESTIONS, Answers


def _answer(kind: str, values: tuple[str, ...]):
    if kind == "yes_no":
        return st.booleans()
    if kind == "many":
        return st.lists(st.sampled_from(values), min_size=1, max_size=3, unique=True)
    return st.sampled_from(values)


answer_dicts = st.fixed_dictionaries({qid: _answer(kind, values) for qid, (kind, values) in QUESTIONS.items()})
answers = answer_dicts.map(Answers.model_validate)
