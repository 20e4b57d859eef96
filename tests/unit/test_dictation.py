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
        ("she'll have it Thursday", "reply to her, say she'll have it Thursday", "you'll have it Thursday"),
        (
            "he also fixes it and he isn't blocked",
            "tell him he also fixes it and he isn't blocked",
            "you also fix it and you aren't blocked",
        ),
        # adverbs before the verb, and "her" before a day or a particle is the person
        ("she never replies on time", "tell her she never replies on time", "you never reply on time"),
        (
            "I'll see her Monday and help her out",
            "tell her I'll see her Monday and help her out",
            "I'll see you Monday and help you out",
        ),
        # the pronoun said twice, as Whisper heard "tell her, er, she'll ..."
        ("her. She'll get them Thursday", "Right, tell her, her. She'll get them Thursday", "You'll get them Thursday"),
        # after a name the words are as said: "she" may be anyone ("tell Bob she'll be late")
        (
            "she'll be late, she's at the dentist",
            "tell Bob she'll be late, she's at the dentist",
            "she'll be late, she's at the dentist",
        ),
        ("they've approved it", "tell Bob they've approved it", "they've approved it"),
        ("he'll be there at ten", "reply to her saying he'll be there at ten", "he'll be there at ten"),
        # no one told: the words as said
        ("she replies to everything", "reply saying she replies to everything", "she replies to everything"),
        ("I'll be late", "tell him I'll be late", "I'll be late"),
        # the telling nearest the words says whom they are for, after a name said first
        (
            "I'll have the numbers to her Thursday",
            "reply to Sara Chan, tell her I'll have the numbers to her Thursday",
            "I'll have the numbers to you Thursday",
        ),
        # the words' own "ask them", not the request's
        ("ask them if they can test", "reply to Bob saying ask them if they can test", "ask them if they can test"),
    ],
)
def test_words_about_the_addressee_are_said_to_them(words, request_said, written):
    assert to_the_addressee(words, request_said) == written
