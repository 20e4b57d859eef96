"""More of a drive, typed through a real AgentSession over the demo mailbox in Dovecot, with
the test SMTP server: a plain yes to "Shall I send it?", words said to someone else in the
car, times and days said where a name could go, the everyday verbs for writing and copying
someone in, and questions about what needs the caller and what mail does not say. The LLM
writes nothing (FAST_PATH_ONLY): every answer comes from the mail or the mailbox."""

from __future__ import annotations

from ..helpers import folder_subjects, inbox_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_a_plain_yes_to_the_read_back_sends_it_once(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    read_back = await said(running, "Tell him QA is looking at it.")
    assert read_back.endswith("Shall I send it?"), read_back
    assert await said(running, "Yeah, okay.") == "Sent to Robert Bob Smith."
    assert len(smtp_server.messages) == 1
    assert assistant.pending is None


async def test_a_yes_with_a_change_of_mind_sends_nothing(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him QA is looking at it.")
    assert not (await said(running, "Yes, hmm, no, hold it.")).startswith("Sent")
    assert not smtp_server.messages and assistant.pending is not None


async def test_a_time_or_a_day_after_reply_is_the_reply_not_someone_to_send_it_to(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Reply eleven fifteen would suit me better.")
    assert answer.startswith("Here's your reply to Priya Natarajan: Eleven fifteen would suit me better."), answer
    await said(running, "Cancel that.")
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Reply Friday.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: Friday."), answer
    assert not smtp_server.messages


async def test_words_said_to_someone_else_in_the_car_are_not_requests(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    assert (await said(running, "Get rid of it.")).startswith("Did you want me to move")
    # the question was for someone else's ears: no yes, and nothing moved
    assert await said(running, "Sorry, not you, I'm talking to my daughter.") == "Okay."
    assert await said(running, "Yes.") != "Moved to Trash. Say undo to bring it back."
    assert await folder_subjects(demo_copy, "trash") == []
    assert await said(running, "Kids, stop kicking the seat, please.") == "Was that for me?"
    # "not you" as the recognizer heard it through livekit-server: the rest asks nothing either
    assert await said(running, "Sorry, Natu, I was talking to my kid.") == "Okay."
    # what follows the aside is the request
    answer = await said(running, "Not you, go back to Sarah's.")
    assert answer.startswith("From Sarah Chen"), answer


async def test_everyday_verbs_write_to_someone_and_copy_someone_in(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Ping him that the fix is in review.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: The fix is in review."), answer
    await said(running, "Cancel that.")
    answer = await said(running, "Loop in Priya on this.")
    assert answer.startswith("Here's your forward of Robert Bob Smith's email"), answer
    assert "to Priya Natarajan" in answer
    answer = await said(running, "Would you mind terribly telling Bob that I'd rather wait for QA?")
    assert answer.startswith("Here's your reply to Robert Bob Smith: I'd rather wait for QA."), answer
    assert not smtp_server.messages


async def test_reply_all_with_a_reason_keeps_the_words_read_back(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we hold until Monday.")
    answer = await said(running, "Make it reply all so everyone knows.")
    assert "We hold until Monday." in answer and "Platform Team" in answer, answer


async def test_whose_email_first_and_what_someone_not_briefed_wanted(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "Do Bob's first.")
    assert answer.startswith("From Robert Bob Smith"), answer
    # Jamie's email was read before the call, so it is not briefed: it is found
    answer = await said(running, "What did Jamie want?")
    assert "Lunch on Wednesday" in answer, answer


async def test_what_needs_the_caller_names_who_asks_something(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "Is there anything I have to deal with?")
    assert "Sarah Chen" in answer and "Robert Bob Smith" in answer and "Priya Natarajan" in answer, answer
    assert "VendorX" not in answer
    # once answered on this call, Bob's needs nothing more
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him Thursday holds.")
    await said(running, "Send it.")
    answer = await said(running, "Anything else I need to deal with?")
    assert "Robert Bob Smith" not in answer, answer


async def test_what_mail_does_not_say_and_what_it_cannot_do_are_said_plainly(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert await said(running, "Did she mention where it's happening?") == "Priya Natarajan's email doesn't say where."
    slot = "I put you down for a 20-minute slot on reliability at the offsite on December 3rd."
    for asked in ("How long do I get?", "How long have I got for my slot?"):  # the length, not a deadline
        assert (await said(running, asked)).endswith(slot), asked
    await said(running, "Go to the IT email.")
    answer = await said(running, "Could you sort out the certificate renewal for me?")
    assert answer.startswith("I can't do that for you"), answer
    answer = await said(running, "Then open the budget document and read me the totals.")
    assert answer.startswith("I can't open your files"), answer


async def test_the_mute_list_asked_about_is_read_not_added_to(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "What's on my mute list?")
    assert answer == "You haven't muted anyone.", answer
    # as Whisper heard "mute list" through livekit-server
    assert await said(running, "Who's on my meat list?") == "You haven't muted anyone."


async def test_sound_alikes_are_written_as_meant(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    answer = await said(running, "Reply I'll have them four you on Monday.")
    assert answer.startswith("Here's your reply to Sarah Chen: I'll have them for you on Monday."), answer
    answer = await said(running, "And write that the cloud line is a guess.")
    assert "I'll have them for you on Monday. The cloud line is a guess." in answer, answer
    await said(running, "Cancel that.")
    answer = await said(running, "Forward it two Priya.")
    assert answer.startswith("Here's your forward of Sarah Chen's email") and "to Priya Natarajan" in answer, answer


async def test_a_note_for_a_forward_read_back_keeps_its_people(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Forward this to Sarah.")
    answer = await said(running, "Forward it with a note saying heads up.")
    assert "to Sarah Chen, with your note: Heads up." in answer, answer


async def test_to_whom_it_went_is_said_never_a_bare_yes(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him Thursday holds.")
    await said(running, "Send it.")
    assert await said(running, "Hang on, did that go to the whole team?") == "It went to Robert Bob Smith."


async def test_an_email_left_for_later_is_left_as_it_is(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert await said(running, "Let it sit, I'll get to it later.") == "Okay, I'll leave it as it is."
    assert "Subject: Offsite agenda - your slot" in await inbox_subjects(demo_copy, "UNSEEN")


async def test_what_the_email_does_not_give_is_said_and_what_it_does_is_found(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    assert await said(running, "What did she put the headcount at?") != "Sarah Chen's email doesn't give a figure."
    assert await said(running, "How much is the cloud spend?") == "Sarah Chen's email doesn't give a figure."
    await said(running, "Go to Bob's email.")
    assert (
        await said(running, "Remind me what went wrong?")
        == "Robert Bob Smith says: QA found a flaky login test last night."
    )
    assert (await said(running, "What time did he send it?")).startswith("It came on")
    assert (await said(running, "Read me Priya's.")).startswith("From Priya Natarajan")


async def test_a_mute_said_last_is_asked_and_take_them_off_after_a_rule_unmutes(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    assert await said(running, "Not again, block them.") == "Mute news@vendorx.example?"
    await said(running, "Yes.")
    await said(running, "Who have I muted?")
    assert await said(running, "Hmm, take them off.") == "Unmute news@vendorx.example?"


async def test_again_at_a_slower_pace_says_it_again(session):  # noqa: F811
    running, _ = session
    summary = await said(running, "Go to Sarah's email.")
    assert await said(running, "Could you say that again, a little slower?") == f"Okay, slower. {summary}"
    assert await said(running, "Then remind me the day before, would you?") == (
        "I can't use your calendar or set reminders. I can flag the email for you: say flag it."
    )


# What a cold review of the above found, each mended.


async def test_a_yes_after_a_read_back_and_another_question_answers_the_other(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    asked = await said(running, "Forward it to Jamie and mute them.")
    assert "Shall I send it?" in asked and not asked.endswith("Shall I send it?"), asked
    await said(running, "Yes.")
    assert not smtp_server.messages


async def test_a_yes_or_a_question_after_not_you_sends_nothing(session, demo_copy, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we hold until Monday.")
    assert await said(running, "Sorry, not you. Yes, go ahead.") == "Okay."
    for question in ("Correct?", "Okay."):
        assert not (await said(running, question)).startswith("Sent"), question
    assert not smtp_server.messages and assistant.pending is not None
    await said(running, "Go to the VendorX email.")
    await said(running, "Mute them.")
    assert await said(running, "Not you, sweetie. Yes.") == "Okay."
    assert await said(running, "Who have I muted?") == "You haven't muted anyone."


async def test_words_about_someone_else_inside_a_request_are_its_words(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Reply saying sorry, I was on with my manager earlier, I was talking to my manager.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: Sorry,"), answer
    assert not smtp_server.messages
    await said(running, "Cancel that.")
    assert (await said(running, "Reply to him.")).startswith("What would you like to say")
    answer = await said(running, "Babe, I'm running late, be there at six.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: Babe, I'm running late"), answer


async def test_a_request_said_after_calling_someone_else_is_done_on_a_yes(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    assert await said(running, "Honey, tell Bob we ship on Friday.") == "Was that for me?"
    answer = await said(running, "Yeah.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: We ship on Friday."), answer
    assert not (await said(running, "Mom's email, please.")).startswith("Was that for me")


async def test_a_note_on_another_email_is_not_the_open_forwards(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Forward it to Priya.")
    await said(running, "Go to Sarah's email.")
    answer = await said(running, "Forward it with a note saying can you take this.")
    assert "Robert Bob Smith's email" not in answer, answer
    assert not smtp_server.messages


async def test_counts_and_times_in_dictation_are_kept(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Reply saying I'll send them two options and can do four your slot.")
    assert "send them two options and can do four your slot" in answer, answer


async def test_blocking_out_time_is_no_mute_and_whom_it_went_to_waits_for_the_open_draft(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert (await said(running, "Block out Friday afternoon for the offsite.")).startswith("I can't use your calendar")
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him Thursday holds.")
    await said(running, "Send it.")
    await said(running, "Forward it to Priya.")
    assert await said(running, "Did that go to Priya?") != "It went to Robert Bob Smith."


async def test_words_said_before_the_request_are_not_its_words(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "I just got a really long email from Bob, tell him thanks.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: Thanks."), answer


# What a second cold review found, each mended.


async def test_an_answer_to_was_that_for_me_answers_no_earlier_question(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    await said(running, "Mute them.")
    assert await said(running, "Honey, stop it.") == "Was that for me?"
    await said(running, "Yeah, it was.")
    assert await said(running, "Who have I muted?") == "You haven't muted anyone."
    await said(running, "Get rid of this one.")
    assert await said(running, "Babe, yeah.") == "Was that for me?"
    assert await said(running, "Yes.") == "Okay, I've left it."
    assert await folder_subjects(demo_copy, "trash") == []
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we hold until Monday.")
    assert await said(running, "Babe, send it.") == "Was that for me?"
    assert await said(running, "Yes.") == "Okay, I've left it."
    assert not smtp_server.messages


async def test_an_action_taken_back_by_not_you_is_not_done(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    assert await said(running, "Archive it, oh sorry, not you.") == "Okay."
    assert await folder_subjects(demo_copy, "archive") == []
