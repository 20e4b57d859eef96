"""How the words of a request said in passing are read: a name that never runs past a comma, a
second thing to say, a yes with more said after it, "go on" to a read-back, what can wait, what a
sender is after, a word taken back by name, the first part of an address said after a name, a
group called in passing and "him" or "her" in words for someone named. The text rules alone, no
mailbox."""

from __future__ import annotations

from datetime import date

import pytest

from mailvox.agent.assistant import (
    ADVICE_ASKED,
    CLAUSE_ENDS,
    COURTEOUS_REQUEST,
    OTHER_FROM_THEM,
    SAY_ALSO,
    SIGNED_OFF,
    WANTED_OF_ME,
    WANTED_OF_THEM,
    _cannot_do,
    _yes_with_more_said,
)
from mailvox.agent.conversation.answers import ASKS_AN_AMOUNT, WANT_ASKED, wanted_of
from mailvox.agent.conversation.briefing import gist
from mailvox.agent.conversation.commands import goes_ahead, parse, said_together
from mailvox.agent.conversation.dictation import to_the_addressee
from mailvox.agent.conversation.envelope import envelope_question
from mailvox.agent.conversation.forwarding import people_named
from mailvox.agent.conversation.new_mail import new_email_asked
from mailvox.agent.conversation.repairs import repaired, repaired_in_place, said_anew_in_place
from mailvox.agent.conversation.searching import CAN_WAIT, FOR_ME, URGENT, day_named, first_day, query
from mailvox.agent.conversation.slots import sender_said, slots_for, without_send_order
from mailvox.agent.conversation.turns import cut_off_before, is_cut_short, opens_as_question
from mailvox.agent.conversation.understanding import asked_plainly
from mailvox.agent.mail.types import Address

BUDGET = (
    "Hi Alex,\n\nFinance moved the deadline up. Can you send me the final Q3 budget numbers for the\n"
    "platform team by Friday noon? I need the headcount line and the cloud spend split out.\n\nThanks,\nSarah\n"
)


def test_a_title_is_no_break_in_a_name():
    assert slots_for("reply", "reply to Dr. Patel saying see you Monday").who == "dr patel"
    assert said_together("mr smith", "reply to Mr. Smith saying the release is on")


def test_a_name_never_runs_past_a_comma_so_the_words_before_the_say_are_kept():
    said = "reply to Sarah, put cloud spend at about forty thousand, and say it's an estimate"
    assert said_together("sarah", said) and not said_together("sarah put cloud spend at", said)
    command = parse(said)
    assert command is None or command.target == "sarah"  # never "sarah put cloud spend at"
    slots = slots_for("reply", said)
    assert slots.who == "sarah"
    assert "forty thousand" in slots.words and "estimate" in slots.words


def test_a_second_thing_to_say_after_a_comma_is_a_sentence_of_its_own():
    words = "I'll send it Friday, and say the cloud spend is an estimate"
    assert SAY_ALSO.sub(lambda m: f". {m['first'].upper()}", words) == (
        "I'll send it Friday. The cloud spend is an estimate"
    )
    assert SAY_ALSO.search("I'll call and say sorry") is None  # no comma: the caller's own words
    assert SAY_ALSO.search("I'll call the customer, and say sorry for the delay") is None  # no clause of its own
    assert SAY_ALSO.search("sounds good, add me to the invite") is None


@pytest.mark.parametrize(
    "said, plain_yes",
    [
        ("yeah, all of it, going forward", True),
        ("yes, from now on", True),
        ("yes, but archive it instead", False),
        ("yeah, and flag it", False),
        ("yeah, wait, which one?", False),
        ("yes, forward it to Bob", False),
        ("sure, give me a sec", False),
        ("yeah, read it to me first", False),
        ("yeah, once I've read it", False),
    ],
)
def test_a_yes_said_first_then_more_of_the_same_is_a_yes(said, plain_yes):
    assert _yes_with_more_said(said) is plain_yes


@pytest.mark.parametrize("said", ["yeah go on then", "ok, go", "yep, fire away", "go on"])
def test_go_on_to_a_read_back_orders_it(said):
    assert goes_ahead(said)


@pytest.mark.parametrize("said", ["ok wait, don't go on", "yeah", "right"])
def test_a_plain_yes_or_a_go_on_held_back_orders_nothing(said):
    assert not goes_ahead(said)


def test_what_can_wait_is_asked_of_the_briefing_not_of_an_email():
    assert CAN_WAIT.search("ok and what can wait till i'm at my desk?")
    assert CAN_WAIT.search("which ones can i ignore")
    assert not CAN_WAIT.search("tell her it can wait")
    # of the open email's content, never the briefing's
    assert not CAN_WAIT.search("which bits of the budget can wait till monday?")
    assert not CAN_WAIT.search("what can i leave out of the numbers?")


def test_what_a_sender_is_after_is_their_request_and_what_they_need_in_it():
    assert WANT_ASKED.search("what's sarah after with the budget thing?")
    assert not WANT_ASKED.search("what did she say after that?")
    assert wanted_of(BUDGET) == (
        "Can you send me the final Q3 budget numbers for the platform team by Friday noon? "
        "I need the headcount line and the cloud spend split out."
    )
    assert wanted_of("I put you down for the offsite. Does 10:40 work for you?") is None  # its gist says it
    assert wanted_of("We shipped it yesterday.") is None


def test_a_short_email_of_two_sentences_is_said_whole():
    lunch = "Want to grab lunch Wednesday? The new ramen place opened across the street."
    assert gist(lunch) == lunch


@pytest.mark.parametrize(
    "words, meant",
    [
        ("could she sort me a projector- no, not a projector, a clicker", "could she sort me a clicker"),
        ("see you Thursday, no, not Thursday, Friday", "see you Friday"),
        ("I said no, not no one, everyone", "I said no, not no one, everyone"),
    ],
)
def test_a_word_taken_back_by_name_is_left_out(words, meant):
    assert said_anew_in_place(words) == meant


@pytest.mark.parametrize(
    "words, meant",
    [
        (
            "we're still on for thursday and the flaky test is being fixed, actually scrap that last bit",
            "we're still on for thursday",
        ),
        (
            "we're still on for thursday and the flaky test is being fixed actually scrap that last bit",
            "we're still on for thursday",
        ),
        ("I'll be late. Also the deck is done, scratch that last bit", "I'll be late"),
        ("the old plan was scrapped, that last bit was hard", "the old plan was scrapped, that last bit was hard"),
        # only the last bit goes, with or without the recognizer's commas
        (
            "we're on for thursday and QA signed off this morning and the test is fixed actually scrap that last bit",
            "we're on for thursday and QA signed off this morning",
        ),
        ("yes, and please strike that last line of the agenda, it's out of date", None),  # the words' own
        ("we're on for thursday and the test is fixed, scratch that last bit", "we're on for thursday"),
    ],
)
def test_the_last_bit_taken_back_with_nothing_in_its_place_is_left_out(words, meant):
    assert said_anew_in_place(words) == (words if meant is None else meant)


def test_words_said_anew_after_a_last_bit_taken_back_are_the_words():
    said = "tell him we're on for thursday and the test is fixed, actually no scrap that last bit, just say we're on"
    assert repaired(said) == "just say we're on"


def test_the_first_part_of_an_address_said_after_a_name_is_not_the_words():
    asked = new_email_asked("new email to Jamie, jamie.lee, say yeah lunch Wednesday sounds good")
    assert asked is not None
    assert (asked.to, asked.words) == ("jamie.lee", "yeah lunch Wednesday sounds good")  # her address says who
    other = new_email_asked("new email to Sarah, sarah.jones, saying welcome aboard")
    assert other is not None and other.to == "sarah.jones"  # nobody's address: asked about, never Sarah Chen


def test_a_group_called_in_passing_is_the_team_of_that_name():
    people = [Address("Platform Team", "platform@northwind.example"), Address("Bob Smith", "bob@northwind.example")]
    assert people_named("the platform lot", people) == [people[0]]
    assert people_named("the finance guys", people) == []


def test_his_standing_alone_for_what_is_his_is_yours():
    assert to_the_addressee("to check his isn't expiring", "tell him to check his isn't expiring") == (
        "to check yours isn't expiring"
    )
    # words for someone named stay as said: "her" may be anyone ("I'm taking her to the doctor")
    assert (
        to_the_addressee("I'm taking her to the doctor", "reply to Sarah saying I'm taking her to the doctor")
        == "I'm taking her to the doctor"
    )


def test_a_forward_note_asked_of_them_is_kept():
    slots = slots_for("forward", "forward the VPN one to, um, Bob, and ask him to check his isn't expiring too")
    assert slots.who == "bob"
    assert slots.words.startswith("to check his isn't expiring")
    # never a note made of what they needn't do, or of the caller's own plan
    assert slots_for("forward", "forward the VPN one to Bob, no need to ask him to renew it").words == ""
    assert slots_for("forward", "forward it to Bob, I'll tell him to renew it later").words == ""


@pytest.mark.parametrize(
    "part, declined",
    [
        ("can you call Sarah for me?", True),
        ("what's the traffic like on the M25?", True),
        ("does it say anything about the weather?", False),  # asked of the email
        ("does Priya say what's the weather like there?", False),
        ("carry on", False),
        ("lemme check my calendar first", False),  # the caller's own plan, not a request
        ("I want to see my calendar", True),
        ("put it in my calendar", True),
        ("put the podcast newsletter in archive", False),
        ("and stick some music on, would you?", True),
    ],
)
def test_what_a_part_of_a_request_cannot_do_is_known(part, declined):
    assert bool(_cannot_do(part)) is declined


def test_would_you_mind_is_the_request_only_where_a_request_begins():
    assert (
        asked_plainly("That VendorX newsletter — would you mind archiving it?")
        == "That VendorX newsletter — archive it?"
    )
    assert asked_plainly("would you mind flagging it and would you mind archiving the VendorX one") == (
        "flag it and archive the VendorX one"
    )
    # dictated words, and verbs that are no request here, stay as said
    said = "reply to Bob saying would you mind sending the QA report"
    assert asked_plainly(said) == said
    assert asked_plainly("would you mind giving me a call") == "would you mind giving me a call"


def test_no_actually_at_the_start_of_the_words_is_their_own():
    assert repaired_in_place("reply to Bob saying, no, actually, let's hold it till Monday") is None
    assert repaired("reply to Bob saying, no, actually, let's hold it till Monday") is None


def test_a_note_that_says_dont_tell_them_is_kept():
    assert slots_for("forward", "forward it to Priya saying please don't tell them about the slip yet").words == (
        "please don't tell them about the slip yet"
    )


@pytest.mark.parametrize(
    "asked, of_the_briefing",
    [
        ("anything that isn't urgent?", True),
        ("which ones aren't important?", True),
        ("is there anything in here that isn't urgent?", False),
    ],
)
def test_what_is_not_urgent_is_asked_of_the_emails(asked, of_the_briefing):
    assert bool(CAN_WAIT.search(asked)) is of_the_briefing


@pytest.mark.parametrize(
    "words, written",
    [
        (
            "we're on for Thursday, and mention QA fixed the login test",
            "we're on for Thursday. QA fixed the login test",
        ),
        (
            "I'll send it Friday, tell her the cloud spend is an estimate",
            "I'll send it Friday. The cloud spend is an estimate",
        ),
        ("great news, tell them we won the bid", "great news, tell them we won the bid"),  # for Sarah to pass on
    ],
)
def test_another_thing_to_tell_them_after_a_comma(words, written):
    assert SAY_ALSO.sub(lambda m: f". {m['first'].upper()}", words) == written


@pytest.mark.parametrize("said", ["ok, and then crack on with the new ones", "carry on with the rest", "press on"])
def test_carrying_on_said_other_ways_resumes_the_briefing(said):
    command = parse(said)
    assert command is not None and command.kind == "resume"


@pytest.mark.parametrize(
    "said, cut",
    [
        ("so the money one, what's sarah after exactly and like, when by", False),
        ("when do they need it by", False),
        ("who's it from", False),
        ("what's that for", False),
        ("reply to bob saying we'll ship by", True),  # the day is still to come
        ("what's the deadline for", True),
    ],
)
def test_a_question_may_end_on_its_preposition(said, cut):
    assert is_cut_short(said) is cut


def test_what_needs_sorting_is_asked_of_the_mail_and_a_guess_is_no_question():
    assert URGENT.search("i was wondering, er, if there's anything in there i actually need to sort before the weekend")
    assert URGENT.search("anything that needs doing today?")
    assert ADVICE_ASKED.match("think it was about food or something") is None  # the caller's own guess
    assert ADVICE_ASKED.match("do you think i should answer it today?")
    assert ADVICE_ASKED.match("think i should archive it?")  # asked, never done
    assert ADVICE_ASKED.match("think it's urgent?")


def test_a_pace_said_after_a_request_is_a_step_of_its_own():
    parts = CLAUSE_ENDS.split("read the budget one a bit slower mate, i'm on the motorway")
    assert parts[0] == "read the budget one", parts


@pytest.mark.parametrize(
    ("said", "dated"),
    [
        ("does bob need an answer from me? like, today-ish.", False),
        ("what's in there for me today?", False),
        ("is sarah expecting a reply this afternoon?", False),
        ("anything sent by sarah this week?", True),
        ("anything from jamie today?", True),
        ("what came in this morning?", True),
    ],
)
def test_a_day_said_of_a_need_is_no_search_by_day(said, dated):
    assert (first_day(said, date(2026, 12, 7))[0] is not None) is dated


def test_the_sender_is_asked_of_an_email_described_with_a_false_start():
    assert envelope_question("hang on, who's the, er, the vpn one from again?")
    assert envelope_question("who's that newsletter even from")
    assert not envelope_question("what's the vpn one about?")


@pytest.mark.parametrize(
    "said",
    ["cheers, that's me. i'll pick the rest up later.", "ok i'll look at them tomorrow", "that's all for now, thanks"],
)
def test_signing_off_with_the_rest_left_for_later(said):
    assert SIGNED_OFF.match(said)


@pytest.mark.parametrize("said", ["i'll read it later", "i'll deal with that later", "reply saying i'll do it later"])
def test_one_email_left_for_later_is_no_goodbye(said):
    assert not SIGNED_OFF.match(said)


def test_a_favour_asked_is_a_request_and_a_question_put_politely_still_asks():
    assert COURTEOUS_REQUEST.match("can you, like, put a flag on priya's one?")
    assert COURTEOUS_REQUEST.match("would you mind archiving it?")
    assert not COURTEOUS_REQUEST.match("can you tell me if it's flagged?")
    assert not COURTEOUS_REQUEST.match("could you check whether bob's is archived?")


def test_what_is_there_for_me_lists_the_senders_and_what_is_in_it_does_not():
    assert FOR_ME.search("morning. what's in there for me today?")
    assert FOR_ME.search("what have you got for me?")
    assert not FOR_ME.search("what's in it for me?")


def test_a_day_of_arrival_by_its_name_is_that_one_day():
    monday = date(2026, 12, 7)
    assert day_named("what came in on monday, like the whole day", monday) == (date(2026, 11, 30), "on Monday")
    assert day_named("anything sent on wednesday?", date(2026, 12, 4)) == (date(2026, 12, 2), "on Wednesday")
    assert day_named("tuesday's emails", monday) == (date(2026, 12, 1), "on Tuesday")
    assert day_named("what's due friday?", monday) is None  # a deadline, not a day mail came
    assert day_named("tell him lunch on wednesday works", monday) is None


def test_a_search_from_a_sender_is_not_also_about_their_name():
    asked = query("hr", "anything from hr", "what about anything from hr", date(2026, 12, 7))
    assert asked.who == "hr" and asked.words == ()


def test_goodbyes_as_people_say_them():
    for said in ("right, that's all for now, ta-ra", "cheerio", "ok see ya", "catch you later mate"):
        assert SIGNED_OFF.match(said), said
    assert not SIGNED_OFF.match("later")  # "later" alone may mean the one email


def test_a_send_order_said_after_the_words_is_not_written():
    assert without_send_order("reply to priya, say yes 10:40 works, and send it straight off") == (
        "reply to priya, say yes 10:40 works"
    )
    assert (
        without_send_order("reply saying I will send it over tomorrow") == "reply saying I will send it over tomorrow"
    )


def test_the_note_said_after_put_a_note():
    assert slots_for("forward", "forward it to Sarah, put a note, FYI I might be off that week").words == (
        "fyi i might be off that week"
    )


def test_a_what_d_question_is_a_question():
    assert opens_as_question("what'd sarah put in monday's standup notes")
    assert WANTED_OF_THEM.search("what'd sarah put in monday's standup notes")


def test_what_a_sender_wants_of_the_caller_is_asked_in_either_order():
    found = WANTED_OF_ME.search("i wonder if my colleague sarah has asked me for anything")
    assert found is not None and found["named"] == "sarah"
    found = WANTED_OF_ME.search("please you can say me what is priya wanting from me?")
    assert found is not None and found["who"] == "priya"
    assert WANTED_OF_ME.search("what is it asking for") is None


def test_a_possessive_said_last_names_its_sender():
    said = sender_said("Flag Bob's.")
    assert said is not None and said.readings[-1] == "bob"
    assert sender_said("archive it, that's") is None


def test_terse_and_loose_questions_of_an_email():
    assert envelope_question("sent when?")
    assert ASKS_AN_AMOUNT.search("what cloud spend figure did sarah give?")
    assert OTHER_FROM_THEM.search("what about her other email?")


def test_the_words_broken_off_before_go_on():
    turns = [("user", "the Priya one, reply saying —"), ("assistant", "Go on."), ("user", "say 10:40 works")]
    assert cut_off_before(turns) == "the Priya one, reply saying —"
    assert cut_off_before([("user", "next"), ("assistant", "From Sarah ..."), ("user", "flag it")]) is None


def test_a_possessive_said_last_names_its_sender_only_right_after_the_act():
    assert sender_said("put a flag on priya's") is not None
    assert sender_said("archive this along with bob's") is None
    assert sender_said("flag this like sarah's") is None
