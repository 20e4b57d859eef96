"""Dictated words go into a draft as the caller said them: capitals, commas and sentence ends
from the recognizer's text, not the grammar's lowercased words."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.dictation import as_said, sentence_case


@pytest.mark.parametrize(
    ("words", "said", "written"),
    [
        (
            "hi sarah numbers will be with you by friday at 11 headcount's final",
            "Reply to Sarah. Say: Hi Sarah, numbers will be with you by Friday at 11, headcount's final.",
            "Hi Sarah, numbers will be with you by Friday at 11, headcount's final.",
        ),
        (
            "'10:40 works see you there.'",
            "Okay reply, uh, '10:40 works, see you there.'",
            "10:40 works, see you there.",
        ),
        (
            "10:40's a bit early for me could I do after lunch",
            "Reply to her, say 10:40's a bit early for me, could I do after lunch?",
            "10:40's a bit early for me, could I do after lunch?",
        ),
        ("i'll have it by friday", "Tell her I'll have it by, uh, Friday.", "I'll have it by Friday."),
        (
            "can you take a look at this",
            "Forward it to Bob, can you take a look at this.",
            "Can you take a look at this?",
        ),
        ("can you send them? thanks", "Tell him can you send them? Thanks.", "Can you send them? Thanks."),
    ],
)
def test_the_words_are_written_as_the_caller_said_them(words, said, written):
    assert sentence_case(as_said(words, said)) == written


def test_words_not_found_as_said_stay_as_understood():
    # the grammar changed them ("tell him I'll ring him" is not said word for word): no guess
    assert as_said("we're on for thursday", "Tell him we are on for Thursday.") == "we're on for thursday"


def test_quotes_around_the_words_are_not_written():
    said = "Forward Priya's offsite one to Jamie, say 'you're on after me I think'."
    assert sentence_case(as_said("'you're on after me i think'", said)) == "You're on after me I think."
