"""Dictated words go into a draft as the caller said them: capitals, commas and sentence ends
from the recognizer's text, not the grammar's lowercased words."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.dictation import as_said, sentence_case, to_the_addressee


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


@pytest.mark.parametrize(
    ("words", "request_said", "written"),
    [
        (
            "she'll have it Thursday afternoon",
            "Tell her, uh, she'll have it Thursday afternoon.",
            "you'll have it Thursday afternoon",
        ),
        (
            "she needs to send the deck first",
            "tell Sarah she needs to send the deck first",
            "you need to send the deck first",
        ),
        (
            "he can go ahead, I'll send him the notes",
            "tell him he can go ahead, I'll send him the notes",
            "you can go ahead, I'll send you the notes",
        ),
        (
            "I'll send her the numbers and she can keep her slot",
            "let her know I'll send her the numbers and she can keep her slot",
            "I'll send you the numbers and you can keep your slot",
        ),
        ("she's got the slot", "let her know she's got the slot", "you've got the slot"),
        ("they're good to ship Thursday", "tell them they're good to ship Thursday", "you're good to ship Thursday"),
        (
            "he also fixes it and he isn't blocked",
            "tell Bob he also fixes it and he isn't blocked",
            "you also fix it and you aren't blocked",
        ),
        ("She replies to everything", "Tell Bob She replies to everything", "You reply to everything"),
        (
            "I'm on it and she'll have them Friday, like she asked. Thanks for the heads up on Finance.",
            "tell Sarah I'm on it and she'll have them Friday, like she asked",
            "I'm on it and you'll have them Friday, like you asked. Thanks for the heads up on Finance.",
        ),
        (
            "I'll ask Priya if she can do it",
            "tell Bob I'll ask Priya if she can do it",
            "I'll ask Priya if she can do it",
        ),
        ("I told him already", "tell Sarah I told him already", "I told him already"),
        ("she'll have it Thursday", "reply to her, say she'll have it Thursday", "you'll have it Thursday"),
        # no one told: the words as said
        ("she replies to everything", "reply saying she replies to everything", "she replies to everything"),
        ("I'll be late", "tell Bob I'll be late", "I'll be late"),
        # the words' own "ask them", not the request's
        ("ask them if they can test", "reply to Bob saying ask them if they can test", "ask them if they can test"),
    ],
)
def test_words_about_the_addressee_are_said_to_them(words, request_said, written):
    assert to_the_addressee(words, request_said) == written
