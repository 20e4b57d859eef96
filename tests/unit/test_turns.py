"""Which transcripts let a short pause end the turn (the command-aware turn detector)."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.turns import needs_no_more_waiting


@pytest.mark.parametrize(
    "said", ["Next.", "Flag it.", "Mark it unread.", "Go back to the Sarah email.", "Repeat that."]
)
def test_a_whole_command_needs_no_more_waiting(said):
    assert needs_no_more_waiting(said)


@pytest.mark.parametrize(
    "said",
    [
        "What does Sarah need from me?",
        "Is there anything urgent I should worry about?",
        "should I reply to this today?",
    ],
)
def test_a_finished_question_needs_no_more_waiting(said):
    assert needs_no_more_waiting(said)


@pytest.mark.parametrize(
    "said",
    [
        "Reply to Sarah saying I will",  # still dictating
        "Send it.",  # a send is never rushed
        "Mute vendor",  # a rule's name may go on
        "What does Sarah need from me",  # no question mark heard yet: the model judges the pause
        "What about?",  # too short to be sure the question is over
        "Tell me about the budget?",  # not shaped like a question
        "",
    ],
)
def test_anything_else_keeps_the_end_of_turn_model(said):
    assert not needs_no_more_waiting(said)
