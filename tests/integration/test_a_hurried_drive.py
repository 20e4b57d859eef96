"""A driver in a hurry, typed through a real AgentSession over the demo mailbox in Dovecot, with
the test SMTP server: requests run together without an "and", approval said as a judgement
("perfect, go ahead"), a draft held back only for now, a day or a time taken back and said
again, names written without their apostrophe, and questions put to someone. The LLM writes
nothing (FAST_PATH_ONLY): every answer comes from the mail or the mailbox."""

from __future__ import annotations

from ..helpers import flagged_subjects, folder_subjects, until_greeted
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_requests_run_together_act_each_on_the_email_it_names(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "flag priyas email archive the newsletter")
    assert answer.startswith("Flagged Priya Natarajan's email."), answer
    assert await flagged_subjects(demo_copy) == ["Subject: Offsite agenda - your slot"]
    # the newsletter is archived, or asked about; never Priya's email in its place
    assert await folder_subjects(demo_copy, "archive") in ([], ["This week at VendorX: 5 new dashboard features"])


async def test_approval_said_as_a_judgement_sends_the_draft_read_back(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Priya's email.")
    assert (await said(running, "Tell her ten forty is great.")).endswith("Shall I send it?")
    assert await said(running, "Perfect, go ahead.") == "Sent to Priya Natarajan."
    assert len(smtp_server.messages) == 1 and assistant.pending is None


async def test_a_draft_held_for_now_is_sent_by_a_later_send(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him QA signs off tomorrow.")
    held = await said(running, "Hang on, don't send that yet, I want to think.")
    assert held.endswith("say send it when you're ready."), held
    assert not smtp_server.messages
    assert await said(running, "Okay, send.") == "Sent to Robert Bob Smith."
    assert len(smtp_server.messages) == 1


async def test_a_day_taken_back_mid_dictation_is_written_once(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "reply to jamie say i can do tuesday i mean wednesday sorry wednesday")
    assert answer.startswith("Here's your reply to Jamie Lee: I can do Wednesday."), answer


async def test_a_time_said_alone_changes_the_drafts_one_time(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    await said(running, "Tell her I'll be there at ten forty with slides.")
    answer = await said(running, "Um, make it eleven fifteen.")
    assert answer.startswith("Here's your reply to Priya Natarajan: I'll be there at eleven fifteen with slides."), (
        answer
    )


async def test_only_to_the_sender_keeps_the_words_of_a_reply_to_all(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Reply all and say QA needs one more day.")
    answer = await said(running, "Actually just reply to him, not everyone.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: QA needs one more day."), answer
    await said(running, "Send it.")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bob.smith@northwind.example"]]


async def test_a_question_put_to_someone_is_written_as_the_question(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Could you ask him whether the release can slip a day?")
    assert answer.startswith("Here's your reply to Robert Bob Smith: Can the release slip a day?"), answer


async def test_a_name_without_its_apostrophe_reads_that_email(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "read priyas")
    assert answer.startswith("From Priya Natarajan"), answer
    # read back with no draft open: nothing marked, nothing undone
    assert await said(running, "read that back") == "There's no draft open."


async def test_a_word_of_the_subject_after_a_name_is_the_replys(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "tell sarah budget is on track")
    assert answer.startswith("Here's your reply to Sarah Chen: Budget is on track."), answer


async def test_a_mute_asked_about_and_then_unmute_makes_no_rule(session):  # noqa: F811
    running, _ = session
    assert await said(running, "mute vendor x") == "Mute news@vendorx.example?"
    assert await said(running, "hmm, I still want the feature news, unmute them") == (
        "Okay, I won't mute news@vendorx.example."
    )
    assert await said(running, "what have I muted?") == "You haven't muted anyone."
    # an acknowledgement after a rule is made is only heard
    await said(running, "mute vendor x")
    await said(running, "yes")
    assert await said(running, "ok good") == "Okay."


async def test_a_request_begun_again_after_a_fragment_is_taken_alone(session):  # noqa: F811
    running, _ = session
    await until_greeted(running)
    assert await said(running, "um the the hmm fore word this to um") == "Go on."
    answer = await said(running, "forward bobs email to sarah")
    assert answer.startswith("Here's your forward of Robert Bob Smith's email"), answer
    assert "to Sarah Chen" in answer


async def test_a_thing_the_email_never_names_is_said_to_be_missing(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert await said(running, "Will there be parking at the offsite?") == (
        "Priya Natarajan's email doesn't mention parking."
    )
    await said(running, "Go to Sarah's email.")
    assert await said(running, "So what was the headcount figure then?") == "Sarah Chen's email doesn't give a figure."


async def test_words_the_caller_did_not_give_are_never_made_up(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Sarah's email.")
    answer = await said(running, "Just make up some numbers and send them over.")
    assert answer == "I won't make up what to say. Tell me the words and I'll write them.", answer
    assert assistant.pending is None and not smtp_server.messages


async def test_how_long_have_i_of_an_email_without_a_length_is_until_when(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    answer = await said(running, "How long do I have?")
    assert "December 1st" in answer, answer


async def test_a_name_no_sender_has_is_put_right_in_the_next_words(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Reply to Brendan saying thanks.") == (
        "Which email should I reply to? I don't have one from brendan open."
    )
    answer = await said(running, "No, I said Priya.")
    assert answer.startswith("Here's your reply to Priya Natarajan: Thanks."), answer
