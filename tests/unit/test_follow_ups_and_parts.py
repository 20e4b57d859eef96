"""How a follow-up question is answered from an email's other sentences or one part of a list, and
how the words of several requests, a correction, an address set apart and a Cc are read: the text
rules alone, no mailbox."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.answers import another_sentence, part_asked
from mailvox.agent.conversation.conjoined import each_with_its_verb
from mailvox.agent.conversation.corrections import Correction, correction_in
from mailvox.agent.conversation.hearing import with_spoken_addresses
from mailvox.agent.conversation.new_mail import NewEmail, new_email_asked
from mailvox.agent.conversation.searching import FLAGGED_ASKED
from mailvox.agent.conversation.slots import slots_for
from mailvox.agent.conversation.writing import words_out

NOTES = "Notes: migration is 80% done, on-call handover moves to Tuesdays, retro is Friday."
BUDGET = (
    "Hi Alex,\n\nFinance moved the deadline up. Can you send me the final Q3 budget numbers for the\n"
    "platform team by Friday noon? I need the headcount line and the cloud spend split out.\n\nThanks,\nSarah\n"
)


@pytest.mark.parametrize(
    "question, part",
    [
        ("how far along is the migration?", "Migration is 80% done."),
        ("when's the retro?", "Retro is Friday."),
        ("what about on-call?", "On-call handover moves to Tuesdays."),
        ("what was in the notes?", NOTES),  # no one part: the whole list
    ],
)
def test_one_part_of_a_list_answers_what_is_asked_of_it(question, part):
    assert part_asked(question, NOTES) == part


def test_a_sentence_of_two_parts_is_no_list_and_stays_whole():
    sentence = "If anything is still uncertain, give me your best estimate and flag it."
    assert part_asked("what if it's uncertain?", sentence) == sentence


def test_a_follow_up_gets_the_best_other_sentence_by_what_its_words_mean():
    said = "Can you send me the final Q3 budget numbers for the platform team by Friday noon?"
    other = another_sentence("and what does she actually want in it", BUDGET, said, frozenset({"sarah"}))
    assert other == "I need the headcount line and the cloud spend split out."  # "want" is "need"
    assert another_sentence("and the weather?", BUDGET, said) is None  # nothing else says it: no guess


def test_a_second_email_after_one_verb_takes_it_and_a_request_after_the_comma_stays():
    known = {"budget", "bob's release", "offsite"}

    def names(words: str, described: bool) -> bool:
        return words.lower() in known

    said = "flag the budget one and Bob's release one, oh and mark the offsite one unread again"
    each = each_with_its_verb(said, names)
    assert each == "flag the budget one and flag Bob's release one, and mark the offsite one unread again"
    # a reason after the comma is still no request
    assert each_with_its_verb("flag the budget one and the offsite one, I'll get to them", names) == (
        "flag the budget one and flag the offsite one"
    )


@pytest.mark.parametrize(
    "said, meant",
    [
        ("no no, not Bob, I meant the IT service desk ones", Correction("the IT service desk ones", True)),
        ("no, not Bob, the IT ones", Correction("the IT ones", True)),
    ],
)
def test_what_is_meant_after_what_is_refused_and_an_i_meant(said, meant):
    assert correction_in(said) == meant


def test_a_draft_ditched_is_no_words_taken_out_of_it():
    assert words_out("nah ditch that, don't send it") is None
    assert words_out("ditch the bit about friday") == "friday"


@pytest.mark.parametrize(
    "said, words",
    [("and stick 'cheers' on the end", "cheers"), ("put thanks again at the bottom", "thanks again")],
)
def test_words_put_on_the_end_of_a_draft_are_its_added_words(said, words):
    assert slots_for("add", said).words == words


def test_a_forward_to_an_address_set_apart_after_who_it_is_goes_to_the_address():
    heard = with_spoken_addresses(
        "forward the VPN email to my personal, alex dot morgan 84 at mailbox dot example, just say reminder"
    )
    assert "alex.morgan84@mailbox.example" in heard
    assert slots_for("forward", heard).who == "alex.morgan84@mailbox.example"


def test_a_new_email_with_a_cc_said_before_its_subject_and_body():
    heard = with_spoken_addresses(
        "email kim dot park at northwind dot example, copy in Sarah, subject reliability talk, body can you look"
        " over my slides by Tuesday"
    )
    assert new_email_asked(heard) == NewEmail(
        "kim.park@northwind.example", "reliability talk", "can you look over my slides by Tuesday", cc="Sarah"
    )


@pytest.mark.parametrize("said", ["so what've I got flagged now?", "what i've got flagged", "what do I have flagged"])
def test_the_flagged_mail_asked_for_in_contractions(said):
    assert FLAGGED_ASKED.match(said.lower())


@pytest.mark.parametrize(
    "sentence",
    [
        # no label: a sentence of its own, whose parts hold each other up
        "Hi Alex, I put you down for a slot at the offsite, it is on December 3rd, and the venue is the Harbour Hotel.",
        # a condition is never cut loose from what depends on it
        "Plan: if the vendor signs by Monday, we ship Tuesday, otherwise it slips to March.",
    ],
)
def test_only_a_labelled_list_without_conditions_is_answered_in_part(sentence):
    assert part_asked("when do we ship, and when is the offsite?", sentence) == sentence


def test_a_request_after_the_comma_that_says_it_leaves_the_two_emails_as_they_were_said():
    def names(words: str, described: bool) -> bool:
        return words.lower() in {"budget", "bob's release"}

    # which of the two "it" is, is not said: no rewriting, so the request is understood as it is
    assert each_with_its_verb("flag the budget one and Bob's release one, and then delete it", names) is None


def test_ditch_that_before_the_words_of_a_part_is_words_taken_out_not_the_draft_thrown_away():
    assert "not urgent" in (words_out("ditch that not urgent bit") or "")


def test_a_sign_off_added_at_the_end_is_the_words_and_dictation_about_the_end_is_not_cut():
    assert slots_for("add", "and add 'cheers' on the end").words == "cheers"
    assert slots_for("add", "add see you at the end of the week").words == "see you at the end of the week"


def test_what_happens_if_nothing_is_done_is_what_the_email_says_is_at_stake():
    from mailvox.agent.conversation.answers import best_sentence

    vpn = (
        "Your VPN certificate expires on December 1st. Renew it from the self-service portal\n"
        "before then to avoid losing remote access."
    )
    renew = "Renew it from the self-service portal before then to avoid losing remote access."
    assert best_sentence("and if I am not doing nothing about it, what happen to me?", vpn) == renew
    assert best_sentence("what would happen if I miss it", vpn) == renew
    # where the email speaks to the case, that is the answer
    uncertain = "If anything is still uncertain, give me your best estimate and flag it."
    assert best_sentence("what if I don't have the final numbers?", f"{uncertain}\n\n{BUDGET}") == uncertain


@pytest.mark.parametrize(
    "said",
    ["and who else wrote, besides sarah and bob", "which of those are from actual humans, not robots"],
)
def test_the_senders_asked_for_with_some_left_out_or_of_those_left(said):
    from mailvox.agent.conversation.searching import WHO_WROTE

    assert WHO_WROTE.search(said)
