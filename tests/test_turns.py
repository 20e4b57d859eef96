"""Which transcripts let a short pause end the turn (the command-aware turn detector)."""

from __future__ import annotations

import pytest

from agent.conversation.turns import is_whole_command


@pytest.mark.parametrize("said", ["Next.", "Flag it.", "Mark it unread.", "Go back to the Sarah email.", "Repeat that."])
def test_a_whole_command_needs_no_more_waiting(said):
    assert is_whole_command(said)


@pytest.mark.parametrize("said", [
    "Reply to Sarah saying I will",  # still dictating
    "Send it.",  # a send is never rushed
    "Mute vendor",  # a rule's name may go on
    "What does Sarah need from me?",  # a question for the LLM: the model judges the pause
    "",
])
def test_anything_else_keeps_the_end_of_turn_model(said):
    assert not is_whole_command(said)
