"""Requests padded the way people talk, and what the padding must never change: a thinking
sound, a courtesy word, a reason after the request, a sentence that ends on its preposition,
an address said aloud, words taken back at the end of a dictation."""

from __future__ import annotations

import pytest

from mailvox.agent.assistant import TAKEN_BACK
from mailvox.agent.conversation.hearing import with_spoken_addresses, without_fillers
from mailvox.agent.conversation.searching import topic_said
from mailvox.agent.conversation.turns import is_cut_short
from mailvox.agent.conversation.understanding import understand


def test_a_thinking_sound_goes_but_the_pause_it_filled_stays():
    assert without_fillers("Search my mail for, um, the migration.") == "Search my mail for the migration."
    assert without_fillers("Mute them, uh, no, not them.") == "Mute them, no, not them."
    assert without_fillers("Uh huh, go on.") == "Uh huh, go on."  # a yes
    assert without_fillers("say, uh, ten forty's fine, and uh") == "say ten forty's fine, and uh"  # not done yet


@pytest.mark.parametrize(
    ("said", "intent", "words"),
    [
        ("Bin it, cheers.", "delete", ""),
        ("Archive it, ta.", "archive", ""),
        ("Reply saying sounds great, cheers.", "reply", "sounds great cheers"),  # a sign-off dictated
    ],
)
def test_a_courtesy_word_after_a_request_is_no_part_of_it_unless_dictated(said, intent, words):
    understood = understand(said)
    assert (understood.name, understood.source, understood.slots.words) == (intent, "grammar", words)


def test_a_retraction_in_the_reason_is_asked_about():
    assert understand("Archive it, I didn't mean that.").source == "model"  # never archived outright
    assert understand("Okay, please flag it, I will do it from laptop only.").name == "flag"


@pytest.mark.parametrize(
    ("transcript", "cut"),
    [
        ("I didn't quite catch who it was from.", False),
        ("Those are the ones I actually gotta deal with.", False),
        ("The IT one, what exactly they are saying?", False),
        ("Move that one to.", True),
        ("Tell him that I'll be there by.", True),
        ("Forward it to?", True),
        ("Reply to Bob saying", True),
    ],
)
def test_a_sentence_ending_on_its_preposition_is_finished_only_as_a_clause_or_a_question(transcript, cut):
    assert is_cut_short(transcript) is cut


def test_an_address_said_aloud_is_one_only_where_a_recipient_goes():
    assert with_spoken_addresses("Tell him the review is tomorrow at nine dot thirty.") == (
        "Tell him the review is tomorrow at nine dot thirty."
    )
    assert with_spoken_addresses("forward that to Dana, it's dana dot k at northwind dot example").endswith(
        "it's dana.k@northwind.example"
    )
    assert (
        with_spoken_addresses("finance at northwind dot example.", asked_for_one=True) == "finance@northwind.example."
    )


@pytest.mark.parametrize(
    ("words", "taken_back"),
    [
        ("add that I might need 25 minutes, no wait, scratch that, leave it at twenty.", True),
        ("reply saying we are late, no wait, never mind.", True),
        ("reply saying the room clashes with the board meeting, can we cancel that?", False),
        ("reply saying we need to cancel that.", False),
        ("reply saying I'll sort it, never mind.", False),
        ("reply saying never mind", False),
    ],
)
def test_words_are_taken_back_only_after_a_pause_or_a_no(words, taken_back):
    assert bool(TAKEN_BACK.search(words)) is taken_back


def test_what_to_find_is_the_topic_but_not_a_place_or_a_sender():
    assert topic_said("Find the standup notes.") == "standup notes"
    assert topic_said("Find the latest from Sarah.") == ""
