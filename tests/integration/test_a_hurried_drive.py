"""A driver in a hurry, typed through a real AgentSession over the demo mailbox in Dovecot, with
the test SMTP server: requests run together without an "and", approval said as a judgement
("perfect, go ahead"), a draft held back only for now, a day or a time taken back and said
again, names written without their apostrophe, and questions put to someone. The LLM writes
nothing (FAST_PATH_ONLY): every answer comes from the mail or the mailbox."""

from __future__ import annotations

from ..helpers import flagged_subjects, folder_subjects, inbox_subjects, until_greeted
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
    # read back with no draft open: that email again, nothing marked, nothing undone
    assert (await said(running, "read that back")).startswith("From Priya Natarajan")
    assert "Subject: Offsite agenda - your slot" not in await inbox_subjects(demo_copy, "SEEN")


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
    # "Is there lunch ...?" as Whisper wrote it, spoken: its first sentence was read instead
    assert await said(running, "Is their launch at the offsite?") == "Priya Natarajan's email doesn't mention launch."
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
    # no one of that name in the mail: asked for their address, nothing written yet
    assert await said(running, "Reply to Brendan saying thanks.") == (
        "I don't know anyone called brendan in your mail. Say their full name or email address."
    )
    answer = await said(running, "No, I said Priya.")
    assert answer.startswith("Here's your reply to Priya Natarajan: Thanks."), answer


async def test_a_move_then_an_action_acts_on_the_email_moved_to(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "then open the newsletter archive it")
    assert answer.startswith("From VendorX Updates"), answer
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]


async def test_a_question_after_a_mute_is_asked_about_never_answers_it(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "I'm done with vendor x, block them")).startswith("Mute news@vendorx.example?")
    # a short question of the agent's own is an answer: the next words are not joined to the request
    assert await said(running, "so what's muted at the moment?") == "You haven't muted anyone."


async def test_the_offer_to_send_stands_after_saying_whom_it_goes_to(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Reply to all saying QA signs off tomorrow.")
    whom = await said(running, "Who's that going to?")
    assert whom.endswith("Shall I send it?"), whom
    # "Yep" as Whisper heard it spoken through livekit-server
    assert (await said(running, "Yet, go ahead.")).startswith("Sent to Robert Bob Smith")
    assert len(smtp_server.messages) == 1


async def test_the_one_before_this_is_the_email_before_the_open_one(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert (await said(running, "And who sent the one before this?")).startswith("It's from Robert Bob Smith")


async def test_an_acronym_said_letter_by_letter_names_its_email(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "when does the v p n thing run out")
    assert "December 1st" in answer, answer


# What a cold review of the above found, each kept from coming back.


async def test_words_that_weigh_one_action_against_another_run_on_into_neither(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the newsletter.")
    await said(running, "archive it rather than delete it")
    assert await folder_subjects(demo_copy, "trash") == []
    await said(running, "Go to Bob's email.")
    assert not (await said(running, "flag it before I accidentally delete it")).startswith("Flagged. Moved")
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_judgement_alone_after_the_read_back_sends_nothing(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we ship Thursday.")
    assert not (await said(running, "Perfect.")).startswith("Sent")
    answer = await said(running, "Change Thursday to Friday.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: We ship Friday."), answer
    assert not smtp_server.messages and assistant.pending is not None


async def test_a_draft_deleted_with_a_not_yet_in_the_words_is_deleted(session, smtp_server, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we ship Thursday.")
    assert await said(running, "Bin the draft, I'm not sending anything yet.") == "Okay, I've deleted that draft."
    assert await said(running, "Send it.") == "There's nothing waiting to be sent."
    assert not smtp_server.messages and await folder_subjects(demo_copy, "drafts") == []


async def test_dictated_words_that_only_look_like_repairs_stay_as_said(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Tell her I can bring one no one else has a projector.")
    assert "I can bring one no one else has a projector." in answer, answer
    await said(running, "Cancel that.")
    answer = await said(running, "Tell her Jamie is ill ask Tom for the deck.")
    assert "Jamie is ill ask Tom for the deck." in answer, answer
    await said(running, "Cancel that.")
    await said(running, "Tell her I'll be there at 10:40 with two colleagues.")
    assert not (await said(running, "Make it three.")).startswith(
        "Here's your reply to Priya Natarajan: I'll be there at three"
    )


async def test_a_fragment_with_words_of_its_own_is_continued(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert await said(running, "reply to priya saying 10:40 works and") == "Go on."
    answer = await said(running, "reply saying I'll bring the slides")
    assert "10:40 works" in answer, answer


# What a second cold review found, each kept from coming back.


async def test_a_reason_after_requests_run_together_leaves_each_on_its_email(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "please flag priyas email archive the newsletter if you can")
    assert answer.startswith("Flagged Priya Natarajan's email."), answer
    assert await folder_subjects(demo_copy, "archive") in ([], ["This week at VendorX: 5 new dashboard features"])


async def test_a_move_then_a_delete_asks_about_the_email_moved_to(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    await said(running, "open the newsletter bin it")
    await said(running, "yes")
    assert await folder_subjects(demo_copy, "trash") in ([], ["This week at VendorX: 5 new dashboard features"])


async def test_a_discard_said_not_to_be_done_keeps_the_draft(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we ship Thursday.")
    answer = await said(running, "Don't bin it, just don't send it yet.")
    assert answer.endswith("say send it when you're ready."), answer
    assert assistant.pending is not None
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Is the release still on for Thursday?"]


async def test_a_question_about_what_blocks_something_is_no_mute_list(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    assert await said(running, "what's blocked by the flaky test?") != "You haven't muted anyone."
    assert "mention" not in await said(running, "is there any mention of the customer?")


async def test_a_glued_request_and_name_after_a_pause_is_that_senders_email(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Photobobbs email.")).startswith("From Robert Bob Smith")
    assert (await said(running, "Read Jamie's.")).startswith("From Jamie Lee")


async def test_a_verb_the_recognizer_glued_to_the_name_is_still_a_request(session, demo_copy):  # noqa: F811
    running, _ = session
    # "Flag Sarah's email." as Whisper wrote it, spoken through livekit-server
    assert await said(running, "FlagSair's email.") == "Flagged Sarah Chen's email."
    assert await flagged_subjects(demo_copy) == ["Subject: Q3 budget numbers needed by Friday"]
