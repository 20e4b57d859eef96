"""How a spoken request is read when it puts the last one right, asks for a new email, weighs
two emails or names several by their place: the text rules alone, no mailbox."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.comparing import weighed_parts
from mailvox.agent.conversation.conjoined import each_by_place
from mailvox.agent.conversation.corrections import Correction, correction_in, says_a_time_or_amount
from mailvox.agent.conversation.hearing import with_spoken_addresses
from mailvox.agent.conversation.new_mail import NewEmail, new_email_asked, subject_from, subject_said
from mailvox.agent.conversation.writing import amount_made, time_made


@pytest.mark.parametrize(
    "said, meant",
    [
        ("no, I said Bob", Correction("Bob", True)),
        ("no, not Priya, Sarah", Correction("Sarah", True)),
        ("no! not that, the newsletter", Correction("the newsletter", True)),
        ("no no, that's not what I meant, I meant flag it", Correction("flag it", True)),
        ("no wait, Friday morning", Correction("Friday morning", False)),
        ("sorry, fifteen minutes", Correction("fifteen minutes", False)),
        ("actually that's not for Bob, it's for Sarah", Correction("Sarah", True)),
        ("sorry, I meant the IT one, not the newsletter", Correction("the IT one", True)),
        ("oops, wrong one, the IT one", Correction("the IT one", True)),
    ],
)
def test_a_request_taken_back_keeps_only_what_was_meant(said, meant):
    assert correction_in(said) == meant


@pytest.mark.parametrize(
    "said",
    [
        "no",
        "no, leave it",
        "no thanks",
        "nah, skip",
        "no, not yet",
        "sorry, what was that?",
        "no, don't send it",
        "no, it's not for Priya",  # refused, nothing meant instead
        "uh huh",  # a hum is no refusal
        "um, Bob",
        "Bob",
        "no, keep them, Sarah's is important",
        "no, I want you to read me every email from the platform team first",  # long: a request of its own
    ],
)
def test_a_refusal_alone_or_a_new_request_is_no_correction(said):
    assert correction_in(said) is None


def test_a_day_a_time_or_a_count_is_told_from_a_name():
    assert all(says_a_time_or_amount(t) for t in ("Friday morning", "ten thirty", "fifteen minutes", "11"))
    assert not any(
        says_a_time_or_amount(t) for t in ("Sarah", "the newsletter", "flag it", "one more thing", "the other one")
    )


@pytest.mark.parametrize(
    "said, asked",
    [
        ("send an email to dana.reyes@northwind.example", NewEmail("dana.reyes@northwind.example", "", "", True)),
        (
            "email jo.park@northwind.example, tell her I'm running ten minutes late",
            NewEmail("jo.park@northwind.example", "", "I'm running ten minutes late"),
        ),
        (
            "write to the platform team, platform@northwind.example, say standup's moving to ten",
            NewEmail("platform@northwind.example", "", "standup's moving to ten"),
        ),
        ("email Marcus and tell him the release slipped", NewEmail("Marcus", "", "the release slipped")),
        ("send a quick note to Dana Reyes saying hi there", NewEmail("Dana Reyes", "", "hi there", True)),
        (
            "new email to jamie.lee@northwind.example, subject lunch, say can't do Wednesday",
            NewEmail("jamie.lee@northwind.example", "lunch", "can't do Wednesday", True),
        ),
        (
            "start an email to priya.n@northwind.example, that's P R I Y A dot N, tell her the slides are coming",
            NewEmail("priya.n@northwind.example", "", "the slides are coming", True),
        ),
        (
            "write to platform@northwind.example, subject retro moved, body, retro's moving to Monday",
            NewEmail("platform@northwind.example", "retro moved", "retro's moving to Monday"),
        ),
        ("message Priya, subject offsite, saying 10:40 works", NewEmail("Priya", "offsite", "10:40 works")),
        ("message Marcus, the build is green", NewEmail("Marcus", "", "the build is green")),
    ],
)
def test_a_new_email_is_read_as_who_it_is_for_its_subject_and_its_words(said, asked):
    assert new_email_asked(said) == asked


@pytest.mark.parametrize(
    "said",
    [
        "reply to Sarah saying yes",
        "email the budget one to Jamie",
        "email it to Jamie",
        "ping him that it's in review",
        "message received, next",  # after "email" or "message" alone, a name has its capital
        "email summary please",
    ],
)
def test_a_reply_or_a_forward_is_no_new_email(said):
    assert new_email_asked(said) is None


def test_a_subject_is_the_one_said_or_the_start_of_the_words():
    assert subject_said("subject, offsite slides") == "offsite slides"
    assert subject_said("can you send me the slides") is None
    assert subject_from("i'm running fifteen minutes late. Sorry!") == "I'm running fifteen minutes late"
    assert (
        subject_from("can we move standup to ten thirty tomorrow morning please") == "Can we move standup to ten thirty"
    )


def test_an_address_set_apart_by_commas_is_written_as_one():
    heard = "write to the platform team, platform at northwind dot example, say standup's moving"
    assert (
        with_spoken_addresses(heard) == "write to the platform team, platform@northwind.example, say standup's moving"
    )
    assert with_spoken_addresses("the notes are at wiki dot example") == "the notes are at wiki dot example"


def test_a_count_or_a_time_said_again_changes_the_drafts_one():
    assert amount_made("I'm running ten minutes late.", "change it to fifteen minutes") == (
        "I'm running fifteen minutes late."
    )
    assert amount_made("Two people, ten minutes, three days.", "change it to four days") == (
        "Two people, ten minutes, four days."
    )
    assert amount_made("I'm late.", "change it to fifteen minutes") is None  # nothing of that unit
    assert time_made("Standup's moving to ten tomorrow.", "change it to ten thirty") == (
        "Standup's moving to ten thirty tomorrow."
    )


@pytest.mark.parametrize(
    "said, each",
    [
        ("read me the second and the fourth", "read me the second one and read me the fourth one"),
        ("flag the first two", "flag the first one and flag the second one"),
        ("flag the top two", "flag the first one and flag the second one"),
        ("archive the last two", "archive the fourth one and archive the fifth one"),
        ("mark the second and third emails as read", "mark the second one as read and mark the third one as read"),
    ],
)
def test_emails_named_by_their_place_are_each_asked_for(said, each):
    assert each_by_place(said, how_many=5) == each


def test_one_place_or_none_is_left_as_said():
    assert each_by_place("flag the first one", how_many=5) is None
    assert each_by_place("go to the second one", how_many=5) is None
    assert each_by_place("flag the first two", how_many=1) is None  # only one there


@pytest.mark.parametrize(
    "said, parts",
    [
        ("which is more urgent, Sarah's or Bob's?", ["Sarah's", "Bob's"]),
        ("what's hotter, this or the Sarah one?", ["this", "the Sarah one"]),
        ("which deadline's first, the VPN or the budget?", ["the VPN", "the budget"]),
        ("is Bob's more important than Priya's?", ["Bob's", "Priya's"]),
    ],
)
def test_two_emails_weighed_are_each_named(said, parts):
    assert weighed_parts(said) == parts


def test_a_question_that_weighs_nothing_names_no_parts():
    assert weighed_parts("read me the first one") == []
    assert weighed_parts("is it urgent?") == []


def test_a_shorter_reply_loses_only_fillers_and_courtesies():
    from mailvox.agent.conversation.writing import shortened

    said = "Thanks for your email. I think I can do Friday, I just need the numbers first. Let me know if you need anything else."
    assert shortened(said) == "I can do Friday, I just need the numbers first."
    assert shortened("Yeah 10:40's fine.") == "10:40's fine."
    assert shortened("We can, basically, ship Thursday.") == "We can ship Thursday."
    assert shortened("I'll have it Friday.") is None  # nothing to take out
    # words inside the sentence's sense stay: "so far so good", "what kind of format", "really?"
    assert shortened("So far so good, I'll have the numbers by Friday.") is None
    assert shortened("What kind of format do you need?") is None
    assert shortened("Really? Friday?") is None


def test_a_friendlier_reply_thanks_them_once():
    from mailvox.agent.conversation.writing import made_friendlier

    assert made_friendlier("I'll have it Friday.") == "I'll have it Friday. Thanks!"
    assert made_friendlier("Thanks, I'll have it Friday.") is None
    assert made_friendlier("Sorry to hear about your loss.") is None
