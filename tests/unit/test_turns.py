"""Which transcripts let a short pause end the turn, which wait for the rest of the request (the
command-aware turn detector), and when a cut turn is joined with its continuation."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from mailvox.agent.conversation.turns import (
    ALWAYS_UNLIKELY,
    GO_ON,
    HeardSoFar,
    _CommandAwareStream,
    is_cut_short,
    joined_request,
    needs_no_more_waiting,
    opens_as_question,
    pause_verdict,
)


@pytest.mark.parametrize(
    "said", ["Next.", "Flag it.", "Mark it unread.", "Go back to the Sarah email.", "Repeat that."]
)
def test_a_whole_command_needs_no_more_waiting(said):
    assert needs_no_more_waiting(said)


@pytest.mark.parametrize(
    "said",
    [
        "What does Sarah need from me?",
        "Is there anything urgent I should worry about?",
        "should I reply to this today?",
    ],
)
def test_a_finished_question_needs_no_more_waiting(said):
    assert needs_no_more_waiting(said)


@pytest.mark.parametrize(
    "said",
    [
        "Reply to Sarah saying I will",  # still dictating
        "Send it.",  # a send is never rushed
        "Mute vendor",  # a rule's name may go on
        "What does Sarah need from me",  # no question mark heard yet: the model judges the pause
        "What about?",  # too short to be sure the question is over
        "Tell me about the budget?",  # not shaped like a question
        "",
    ],
)
def test_anything_else_keeps_the_end_of_turn_model(said):
    assert not needs_no_more_waiting(said)


@pytest.mark.parametrize(
    "said",
    [
        "Reply to Sarah saying",  # the words are coming
        "Reply to Sarah saying...",  # as Whisper writes a voice trailing off
        "Read me the email from.",  # whose: the name is coming
        "Tell Bob",  # a reply without its words
        "Tell Sarah I'll send the numbers and",
        "I don't want to hear from",
        "Forward this to",
        "Move it to",
        "Go back to the",
        "Uh",
        "Reply to Tom saying that",  # "that" opens the words, it is not them
    ],
)
def test_an_incomplete_request_waits_for_the_rest(said):
    assert pause_verdict(said) == "wait"


@pytest.mark.parametrize("said", ["Wait.", "Hold on.", "Wait,", "Hang on a sec.", "Stop."])
def test_a_wait_waits_for_what_the_driver_says_next(said):
    # the interruption already stopped the agent; "wait, go back to the Bob email" is one request
    assert pause_verdict(said) == "wait"


@pytest.mark.parametrize(
    "said",
    [
        "Who is it from?",
        "What is it about?",
        "Which project is that for?",
        "What did Sarah say about?",
        "Uh, what was the last one about?",  # a filler before the question word
    ],
)
def test_a_question_ending_on_its_preposition_is_left_to_the_audio_model_and_not_cut(said):
    assert pause_verdict(said) == "model"
    assert not is_cut_short(said)


@pytest.mark.parametrize("said", ["Reply to Sarah saying the numbers are.", "Tell Bob I can."])
def test_words_ending_on_a_verb_wait_longer_but_are_not_taken_as_cut(said):
    # "the numbers are ... almost done" usually goes on; "tell Bob I can" may not, so after the
    # longer wait it is acted on as it is, never answered "Go on."
    assert pause_verdict(said) == "wait"
    assert not is_cut_short(said)


def test_a_request_that_waited_on_its_verb_is_joined_with_what_followed():
    turns = [("user", "Reply to Sarah saying the numbers are."), ("assistant", ""), ("user", "almost done.")]
    assert joined_request(turns) == "Reply to Sarah saying the numbers are almost done."


def test_a_closed_question_ending_on_its_preposition_ends_at_the_short_pause():
    assert pause_verdict("When does she need it by?") == "end"


@pytest.mark.parametrize(
    "said",
    ["Next.", "Archive it.", "What was that?", "Repeat that.", "Read me the email from Sarah.", "Move on."],
)
def test_a_whole_command_ends_at_the_short_pause(said):
    assert pause_verdict(said) == "end"


@pytest.mark.parametrize(
    "said",
    [
        "Reply to Sarah saying I'll have it by Friday.",  # complete, but dictation may go on
        "Tell Sarah I'll send the numbers by Friday.",
        "Mute them.",  # a pronoun is the current email's sender
        "Send it.",
        "Don't send it yet.",
    ],
)
def test_a_complete_request_that_is_not_a_closed_command_is_left_to_the_audio_model(said):
    assert pause_verdict(said) == "model"


def test_a_cut_turn_is_joined_with_its_continuation_when_the_agent_only_said_go_on():
    turns = [("assistant", "Hello."), ("user", "Read me the email from."), ("assistant", GO_ON), ("user", "Sarah.")]
    assert joined_request(turns) == "Read me the email from Sarah."


@pytest.mark.parametrize(
    "called_off",
    ["Nah, actually scrap that, I need to check with my manager first.", "Ah forget it, just leave it.", "Never mind."],
)
def test_a_continuation_that_calls_the_request_off_is_not_joined_to_it(called_off):
    turns = [("user", "Say, uh, ten forty's fine, and uh"), ("assistant", GO_ON), ("user", called_off)]
    assert joined_request(turns) == called_off


def test_a_cut_turn_is_joined_when_the_agent_said_nothing_yet():
    turns = [("user", "Reply to Sarah saying"), ("assistant", ""), ("user", "I'll have it by Friday.")]
    assert joined_request(turns) == "Reply to Sarah saying I'll have it by Friday."


def test_a_request_cut_twice_is_joined_whole():
    turns = [("user", "Tell Sarah"), ("user", "I'll send the numbers and"), ("assistant", GO_ON), ("user", "the memo.")]
    assert joined_request(turns) == "Tell Sarah I'll send the numbers and the memo."


@pytest.mark.parametrize(
    "turns",
    [
        # the caller changed course: a whole command stands alone
        [("user", "Reply to Sarah saying"), ("assistant", GO_ON), ("user", "Next.")],
        # the agent answered the request: what follows answers the agent
        [("user", "Tell Bob."), ("assistant", "What would you like to say to Bob?"), ("user", "The build is fixed.")],
        # the earlier turn was complete
        [("user", "Read me the email from Sarah."), ("assistant", ""), ("user", "The budget one.")],
    ],
)
def test_a_turn_is_not_joined_to_an_answered_or_complete_one(turns):
    assert joined_request(turns) == turns[-1][1]


@pytest.mark.parametrize(
    ("said", "question"),
    [
        ("what's vendorx going on about", True),
        ("when does sarah need it by", True),
        ("uh who is it going to", True),
        ("hold up, what did priya want again", True),  # after the driver's lead-in words
        ("oh right, what day was that for", True),
        ("what about the one from", False),  # cut short: no verb after the question word
        ("do any of these have deadlines i should know about", True),  # a yes-or-no question
        ("do the next one", False),
        ("read me the email from", False),
    ],
)
def test_a_question_without_its_mark_is_known_by_its_opening(said, question):
    assert opens_as_question(said) is question


async def test_a_pause_is_judged_on_the_words_said_before_it():
    # The transcriber's newest words came while the caller was still talking ("read me the"):
    # the pause waits for the words decoded after it ("... email from"), not the stale ones.
    clock = [0.0]
    heard = HeardSoFar(lambda: clock[0])
    heard.update("Read me the", final=False)
    clock[0] = 0.5  # the VAD ends the speech 0.4 s after it stopped; that interim is older

    async def transcriber_catches_up():
        await asyncio.sleep(0.05)
        heard.update("Read me the email from", final=False)

    catching_up = asyncio.create_task(transcriber_catches_up())
    assert await heard.caught_up() == "Read me the email from"
    await catching_up
    assert pause_verdict(heard.text) == "wait"


async def test_fresh_words_are_judged_at_once_and_silence_is_not_waited_on_for_long():
    clock = [0.0]
    heard = HeardSoFar(lambda: clock[0])
    heard.update("Next.", final=False)
    clock[0] = 0.1
    assert await asyncio.wait_for(heard.caught_up(), 0.05) == "Next."  # no wait
    clock[0] = 5.0
    started = asyncio.get_running_loop().time()
    assert await heard.caught_up() == "Next."  # nothing new comes: judged on what there is
    assert asyncio.get_running_loop().time() - started < 1.0


async def test_a_turn_whose_first_part_is_final_waits_for_the_rest_to_be():
    # "Read me the email from. | Jamie": the first part was final at the pause, "Jamie" only
    # heard so far; the turn's end is judged on both, once the second is final too.
    heard = HeardSoFar()
    heard.update("Read me the email from.", final=True)
    heard.update("Jamie", final=False)
    assert heard.pending and heard.text == "Read me the email from. Jamie"

    async def final_arrives():
        await asyncio.sleep(0.05)
        heard.update("Jamie.", final=True)

    arriving = asyncio.create_task(final_arrives())
    assert await heard.finalized() == "Read me the email from. Jamie."
    await arriving
    assert not heard.pending
    heard.clear()
    assert heard.text == "" and not heard.pending


class _AudioModel:
    async def unlikely_threshold(self, language):
        return 0.5


async def test_a_pause_that_ends_a_turn_with_words_pending_asks_for_their_final_first():
    heard = HeardSoFar()
    flushed = []

    def flush() -> bool:
        flushed.append(True)
        asyncio.get_running_loop().call_later(0.02, heard.update, "Jamie.", True)
        return True

    detector = SimpleNamespace(heard=heard, flush_transcriber=flush)
    heard.update("Read me the email from.", final=True)
    heard.update("Jamie", final=False)
    assert await _CommandAwareStream(_AudioModel(), detector).unlikely_threshold("en") is None  # a whole command
    assert flushed and heard.text == "Read me the email from. Jamie."

    # still being said: no early final, the turn waits as it would have
    flushed.clear()
    heard.clear()
    heard.update("Reply to Sarah saying.", final=True)
    heard.update("the numbers", final=False)
    assert await _CommandAwareStream(_AudioModel(), detector).unlikely_threshold("en") == ALWAYS_UNLIKELY
    assert not flushed


@pytest.mark.parametrize(
    "said",
    [
        "ok and if it slips what's the fallback he's going on about",  # a question after a lead-in clause
        "right, so like which ones, the totals or",  # after a comma, trailing off on "or"
    ],
)
def test_a_question_inside_the_words_is_found_wherever_it_starts(said):
    from mailvox.agent.conversation.turns import asks_in_it

    assert asks_in_it(said)
    assert not asks_in_it("archive it and go on to the next one")
