"""Spoken names find their senders in the briefing: nicknames, names that sound or are spelt
alike, and a question when a name fits two senders, answered by the caller's next words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail import closest_senders
from mailvox.agent.mail.triage import Triaged
from mailvox.agent.mail.types import Address, MessageSummary

SENDERS = [
    ("Sarah Chen", "sarah.chen@northwind.example"),
    ("Robert Miller", "rob.miller@northwind.example"),
    ("Sarah Park", "spark@contoso.example"),
    ("Kathryn Olsen", "k.olsen@northwind.example"),
    ("Priya Natarajan", "priya@contoso.example"),
    ("VendorX Billing", "billing@vendorx.example"),
]


def briefing(senders: list[tuple[str, str]] = SENDERS) -> Briefing:
    """A briefing in the given order, one email per sender, and a second from Sarah Chen."""
    messages = [*senders, senders[0]]
    return Briefing.of(
        [
            Triaged(
                MessageSummary(
                    uid=uid,
                    folder="INBOX",
                    message_id=f"<m{uid}@x>",
                    sender=Address(name, address),
                    to=[Address("", "alex@northwind.example")],
                    cc=[],
                    subject=f"Subject {uid}",
                    date=datetime(2026, 11, 24, 8, uid, tzinfo=UTC),
                    flags=set(),
                    size=100,
                ),
                score=10,
                reasons=[],
            )
            for uid, (name, address) in enumerate(messages, start=1)
        ]
    )


@pytest.mark.parametrize(
    ("said", "sender"),
    [
        ("sarah chen", "Sarah Chen"),  # both words: only one Sarah
        ("sara chan", "Sarah Chen"),  # as the recognizer spells it
        ("chen", "Sarah Chen"),
        ("bob", "Robert Miller"),  # nickname
        ("bob miller", "Robert Miller"),
        ("catherine", "Kathryn Olsen"),  # sounds alike
        ("pria", "Priya Natarajan"),
        ("pree-a", "Priya Natarajan"),  # one name heard as two syllables
        ("preea", "Priya Natarajan"),  # the glide lost
        ("vendorx", "VendorX Billing"),
        ("billing", "VendorX Billing"),
    ],
)
def test_a_spoken_name_goes_to_the_one_sender_it_means(said, sender):
    brief = briefing()
    item = brief.go_to(said)
    assert item is not None and item.sender == sender
    assert brief.current is item and item is brief.senders_named(said)[0]


def test_a_name_heard_with_its_last_sound_unvoiced_is_still_theirs():
    # "go to bops email": Bob's, as Whisper heard it; no other name is made of those sounds
    people = [("Bob Lee", "bob@x.example"), ("Pat Wu", "pat@y.example")]
    assert closest_senders("bops", people) == [0]
    assert closest_senders("pops", people) == []


def test_an_exact_name_beats_a_name_that_only_sounds_alike():
    found = closest_senders("dan", [("Dean Ortiz", "dean@x.example"), ("Dan Wu", "dan@y.example")])
    assert found == [1]


def test_a_name_of_nobody_goes_nowhere_and_keeps_the_place():
    brief = briefing()
    brief.step(1)
    assert brief.go_to("gertrude") is None and brief.senders_named("gertrude") == []
    assert brief.position == 0


def test_a_name_that_fits_two_senders_is_asked_about_not_guessed():
    brief = briefing()
    both = brief.senders_named("sarah")
    assert [i.sender for i in both] == ["Sarah Chen", "Sarah Park"]
    assert brief.go_to("sarah") is None and brief.position == -1
    assert Briefing.which_one(both) == "Sarah Chen or Sarah Park?"


@pytest.mark.parametrize(
    ("answer", "sender"),
    [
        ("Sarah Park", "Sarah Park"),
        ("the Chen one", "Sarah Chen"),
        ("uh, Park please", "Sarah Park"),
        ("Sara Chan", "Sarah Chen"),
        ("the second one", "Sarah Park"),
        ("first", "Sarah Chen"),
    ],
)
def test_the_answer_to_which_sarah_picks_one(answer, sender):
    both = briefing().senders_named("sarah")
    picked = Briefing.pick(answer, both)
    assert picked is not None and picked.sender == sender


@pytest.mark.parametrize("answer", ["Sarah", "next", "never mind"])
def test_an_answer_that_names_neither_picks_none(answer):
    assert Briefing.pick(answer, briefing().senders_named("sarah")) is None


def test_two_senders_with_the_same_name_are_told_apart_by_address():
    twins = briefing([("Sam Lee", "sam@northwind.example"), ("Sam Lee", "sam.lee@contoso.example")])
    both = twins.senders_named("sam")
    assert Briefing.which_one(both) == "Sam Lee at sam@northwind.example or Sam Lee at sam.lee@contoso.example?"
    picked = Briefing.pick("the contoso one", both)
    assert picked is not None and picked.triaged.message.sender.email == "sam.lee@contoso.example"


def test_an_address_names_its_sender_and_goes_to_their_first_email():
    brief = briefing()
    item = brief.go_to("spark@contoso.example")
    assert item is not None and item.sender == "Sarah Park" and brief.position == 2
    assert brief.go_to("sarah.chen@northwind.example") is brief.items[0]


def test_a_sound_alike_is_not_any_name_of_the_same_letters():
    brief = briefing()
    for nobody in ("gertrude", "pete", "maya", "pre ordered", "pops"):
        assert brief.senders_named(nobody) == [], nobody


def test_going_through_passes_over_an_email_moved_away_on_this_call():
    brief = briefing()
    brief.step(1)
    brief.items[1].triaged.message.folder = "Archive"  # as a move leaves the summary
    assert brief.step(1) is brief.items[2] and brief.place() == "Two of six."
    assert brief.remaining() == 4
    assert brief.step(-1) is brief.items[0]
    brief.items[1].triaged.message.folder = "INBOX"  # undone: it counts again
    assert brief.step(1) is brief.items[1] and brief.remaining() == 5


def test_the_second_one_is_counted_as_the_place_is_said():
    brief = briefing()
    brief.items[1].triaged.message.folder = "Trash"
    assert brief.place_named("read me the second one") == 2  # the second of those still here


def test_a_request_s_opening_verb_is_no_name_though_it_sounds_like_one():
    marco = briefing([("Marco Silva", "marco@contoso.example"), ("Robert Bob Smith", "bob@northwind.example")])
    assert marco.sender_mentioned("Mark Bobbs as read.") == "bobbs"  # "mark" is the verb, not Marco
    assert [item.sender for item in marco.senders_mentioned("flag marco's or bob's")] == [
        "Marco Silva",
        "Robert Bob Smith",
    ]
    assert marco.sender_mentioned("flag marco's or bob's") == ""  # two senders: neither is guessed
    assert marco.sender_mentioned("it's from mark") == "mark"  # said after the verb, it is a name
