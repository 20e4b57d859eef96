"""A question about an email's state is answered, never acted on; words the recognizer broke
are mended only into a sender's name; a day said anew swaps only a day."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.envelope import state_question
from mailvox.agent.conversation.hearing import with_sender_names
from mailvox.agent.conversation.spoken import how_long, place_of
from mailvox.agent.conversation.writing import swapped_in_kind


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        ("Is it flagged?", ("flagged", "it")),
        ("it's flagged, right?", ("flagged", "it")),
        ("has it been flagged", ("flagged", "it")),
        ("did you flag it", ("flagged", "it")),
        ("is sarah's email flagged", ("flagged", "sarah's email")),
        ("Have I read this one already?", ("read", "this")),
        ("did you archive it", ("moved", "it")),
        ("sorry, was on the phone, did that go out already?", ("sent", "it")),
        ("did i ever answer that", ("replied", "that")),
        ("is it back?", ("inbox", "it")),  # after an undo
        ("is it still in my inbox?", ("inbox", "it")),
        ("did the priya one go?", ("sent", "it")),  # answered naming whom the draft is to
        ("so nothing went to Bob?", ("sent", "it")),
    ],
)
def test_a_question_about_state_is_known_with_the_email_it_asks_of(said, asked):
    assert state_question(said) == asked


@pytest.mark.parametrize(
    "said",
    [
        "when was this sent?",  # the envelope's, answered from the headers
        "who was it sent to?",
        "was this sent to the whole team?",
        "tell him is it flagged",  # dictated words
        "reply and ask did that go out",
        "make it say did that go out",
        "flag it",
        "is this new",
        "is it back in the office",
        "reply to sarah, did the acme one go out?",  # the reply's words
        "tell him yeah, is it still in the inbox?",
    ],
)
def test_envelope_questions_dictation_and_commands_are_no_state_question(said):
    assert state_question(said) is None


def test_a_broken_sender_name_is_mended_and_everyday_words_are_not():
    names = {"vendorx", "updates", "bob", "smith", "ina"}
    assert with_sender_names("delete the vendor x newsletter", names) == "delete the vendorx newsletter"
    assert with_sender_names("vendor x's email", names) == "vendorx's email"
    assert with_sender_names("read me bobs email", names) == "read me bob's email"
    assert with_sender_names("put it in a folder", names) == "put it in a folder"  # "in"+"a" is no "ina"
    assert with_sender_names("the bobs are here", names) == "the bobs are here"  # no email after it


def test_a_day_said_instead_swaps_the_one_day_and_nothing_else():
    assert swapped_in_kind("Yes to lunch Wednesday.", "thursday instead wednesday's packed") == "Yes to lunch Thursday."
    assert swapped_in_kind("See you at 10:30.", "eleven") == "See you at eleven."
    assert swapped_in_kind("Yes, that one is fine.", "ten") is None  # "one" is no time
    assert swapped_in_kind("I can do 3 today.", "friday") is None  # "today" is no weekday
    assert swapped_in_kind("Monday or Tuesday works.", "friday") is None  # which one?
    assert swapped_in_kind("See you Monday.", "can we do eleven") is None  # new words, not a swap


def test_how_long_a_briefing_takes_and_where_one_is_in_it_are_said_as_words():
    assert how_long(["x" * 700]) == "under a minute"  # 44 s at the measured 16 characters a second
    assert how_long(["x" * 1000]) == "about a minute"
    assert how_long(["x" * 3000]) == "about 3 minutes"
    assert place_of(1, 5) == "Two of five."
    assert place_of(12, 40) == "13 of 40."


def test_who_else_is_on_an_email_is_asked_of_its_headers():
    from mailvox.agent.conversation.envelope import envelope_question

    assert envelope_question("is sarah on it?")
    assert not envelope_question("is the release still on?")
    assert not envelope_question("is there anything on it?")


def test_what_was_just_done_the_inbox_count_and_the_place_are_asked_only_so():
    from mailvox.agent.assistant import JUST_DONE_ASKED, UNREAD_ASKED, WANTS_IT_BACK, WANTS_NO_MORE

    assert JUST_DONE_ASKED.search("wait, what did i just archive")
    assert JUST_DONE_ASKED.search("which one did you just delete")
    assert not JUST_DONE_ASKED.search("what was that you just said")  # a repeat
    assert not JUST_DONE_ASKED.search("what was the email you just read")
    assert UNREAD_ASKED.search("how many unread have i got now")
    assert UNREAD_ASKED.search("what's still unread")
    assert UNREAD_ASKED.search("and uh how many have i got left unread now")
    assert not UNREAD_ASKED.search("how many are from sarah that are unread")  # a question about her mail
    assert not UNREAD_ASKED.search("how many unread emails from sarah")  # hers, counted by a search
    # less of a sender, unless the caller wants it back
    assert WANTS_NO_MORE.search("and don't show me those again")
    said = "unmute them, i don't want to miss anything"
    assert WANTS_NO_MORE.search(said) and WANTS_IT_BACK.search(said)


def test_did_you_just_is_a_question_about_what_was_done_never_the_action():
    from mailvox.agent.conversation.envelope import state_question

    assert state_question("wait did you just delete the IT one") == ("moved", "the it one")
    assert state_question("did you really archive it") == ("moved", "it")
    assert state_question("did you just send it") == ("sent", "it")
