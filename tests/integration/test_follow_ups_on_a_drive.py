"""A stretch of a drive, typed through a real AgentSession over the demo mailbox in Dovecot,
with the test SMTP server: follow-ups that lean on what was just said, the recognizer's words
for road noise, a call declined and then an email, more words for a reply read back, a name
said alone, and questions about rules, folders and mail found by a search. The LLM writes
nothing (FAST_PATH_ONLY): every answer comes from the mail or the mailbox."""

from __future__ import annotations

from ..helpers import folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_a_guess_at_a_reply_with_no_word_for_writing_is_asked_and_dictates_nothing(session):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Eh, I'll ring her tomorrow about it.")
    assert "What would you like to say" not in answer
    assert assistant.asked_what_to_say is None
    following = await said(running, "What's next?")
    assert following.startswith("From IT Service Desk"), following
    assert assistant.pending is None


async def test_noise_written_as_words_is_not_caught_and_the_draft_waits(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him the release is on.")
    answer = await said(running, "Thank you so much for watching!")
    assert answer.startswith("Sorry, I didn't catch that."), answer
    assert assistant.pending is not None and not smtp_server.messages
    # the command said again, after "I said", is the command
    assert await said(running, "No, I said send it.") == "Sent to Robert Bob Smith."
    assert len(smtp_server.messages) == 1


async def test_an_email_instead_of_a_text_keeps_its_own_words(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert (await said(running, "Can you text Priya?")).startswith("I can't make calls or send texts")
    await said(running, "Alright, message her then.")
    answer = await said(running, "Fine, just email her saying I'm stuck in traffic.")
    assert answer.startswith("Here's your reply to Priya Natarajan: I'm stuck in traffic."), answer


async def test_and_say_more_with_a_reply_read_back_adds_to_it(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Reply saying we ship on Thursday.")
    answer = await said(running, "Oh and also tell him QA signed off.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: We ship on Thursday. QA signed off."), answer
    assert not smtp_server.messages


async def test_the_ones_heard_is_no_one_email_to_act_on(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    assert "one email at a time" in await said(running, "Archive the lot.")
    answer = await said(running, "No, just the ones you've read out to me.")
    assert not answer.startswith("Archived"), answer
    assert await folder_subjects(demo_copy, "archive") == []


async def test_a_name_said_alone_goes_to_their_email(session):  # noqa: F811
    running, _ = session
    for _ in range(3):
        await said(running, "Next.")
    assert (await said(running, "Sarah.")).startswith("Back to Sarah Chen") or "Q3 budget" in await said(
        running, "Repeat."
    )


async def test_is_anyone_blocked_asks_the_rules(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Quick one, am I blocking anyone at the moment?") == "You haven't muted anyone."


async def test_a_reminder_declined_names_no_email_by_the_day_said(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Remind me about that on Friday.")
    assert answer.startswith("I can't use your calendar or set reminders.")
    assert "Sarah" not in answer, answer


async def test_a_topic_asked_about_that_the_open_email_lacks_is_found_elsewhere(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Has anybody asked me about lunch?")
    assert "Jamie Lee" in answer and "lunch" in answer.lower(), answer
    assert "ramen" in (await said(running, "Where?")).lower()


async def test_the_folders_asked_for_are_the_servers(session):  # noqa: F811
    running, _ = session
    assert await said(running, "What folders have I got?") == "You have only Archive, Junk and Trash."
    await said(running, "Go to the IT email.")
    assert (await said(running, "File it in the receipts folder.")).endswith("You have no folders of your own.")


async def test_a_question_names_a_found_email_by_its_place(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Anything else from Sarah?")).startswith("I found 2 emails from sarah")
    assert "retro is Friday" in await said(running, "What's in the second one?")


async def test_a_day_said_instead_changes_the_draft_and_a_go_ahead_with_a_change_waits(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    await said(running, "Reply saying I can do the slot on Thursday.")
    changed = await said(running, "Hmm, make it Wednesday instead.")
    assert changed.startswith("Here's your reply to Priya Natarajan: I can do the slot on Wednesday."), changed
    changed = await said(running, "Yeah go ahead, but say Tuesday instead.")
    assert changed.startswith("Here's your reply to Priya Natarajan: I can do the slot on Tuesday."), changed
    assert not smtp_server.messages
    assert await said(running, "Yes, you send.") == "Sent to Priya Natarajan."


async def test_asked_what_has_come_in_the_briefing_begins(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Morning! So what's come in for me?")).startswith("From Sarah Chen:")


async def test_a_team_on_the_email_added_to_a_reply_read_back_makes_it_a_reply_to_all(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him QA is on it.")
    widened = await said(running, "Hmm, copy the platform team in as well, not just him.")
    assert "Platform Team" in widened and "That's a reply to everyone on it." in widened, widened
    # a team not on the email is no one to add: nothing changes, and nothing is sent
    assert "Platform Team" in await said(running, "Read it back.")
    assert "Finance" not in await said(running, "Send it to the finance team.")
    assert not smtp_server.messages


async def test_a_folder_corrected_to_another_missing_one_is_said_to_be_missing_too(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    assert (await said(running, "File it under travel.")).startswith("I don't see a folder called travel.")
    assert (await said(running, "Uh sorry, I meant expenses.")).startswith("I don't see a folder called expenses.")
    assert (await said(running, "Oh, archive then.")) == "Archived."
    assert await folder_subjects(demo_copy, "archive") == ["Your VPN certificate expires in 7 days"]


async def test_an_action_thought_aloud_and_turned_down_is_not_asked_about(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Ten forty, hmm. Maybe I should just delete it and sort it out later... nah.")
    assert answer == "Okay, I'll leave it."
    assert await folder_subjects(demo_copy, "trash") == []


async def test_what_was_just_done_after_an_undo_names_what_was_put_back(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    assert await said(running, "Archive.") == "Archived."
    await said(running, "Hang on, I still need that, bring it back.")
    assert await said(running, "Wait, what did you just do?") == (
        "You just undid archiving 'Your VPN certificate expires in 7 days'."
    )


async def test_what_a_cold_review_found_sends_nothing_and_changes_only_what_was_asked(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Reply saying we ship Thursday.")
    # a question is no go-ahead
    assert not (await said(running, "You send it?")).startswith("Sent")
    # "it" inside "smith" is no team on the email
    assert "Platform Team" not in await said(running, "Copy the IT team in as well, not just him.")
    # a day said instead changes the day, never adds to the reply
    changed = await said(running, "And say Friday instead.")
    assert changed.startswith("Here's your reply to Robert Bob Smith: We ship Friday. It's saved"), changed
    assert not smtp_server.messages


async def test_a_standing_wish_or_a_sender_named_is_no_filter_of_the_briefing(session):  # noqa: F811
    running, assistant = session
    assert await said(running, "No more newsletters from VendorX.") == "Mute news@vendorx.example?"
    await said(running, "No.")
    await said(running, "Just the important emails from Priya.")
    assert len(assistant.briefing.items) == 5


async def test_a_question_in_dictated_words_is_dictated(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Reply to him asking are you blocking anybody on the release?")
    assert answer.startswith("Here's your reply to Robert Bob Smith"), answer


async def test_an_action_asked_about_as_if_is_explained_not_done(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    answer = await said(running, "Hmm, if I archive this one, will I be able to find it again?")
    assert answer.startswith("Archiving moves it to your Archive folder"), answer
    answer = await said(running, "And if we delete it, is it gone for good?")
    assert answer.startswith("Deleting moves it to Trash"), answer
    assert await folder_subjects(demo_copy, "archive") == [] and await folder_subjects(demo_copy, "trash") == []


async def test_the_words_of_a_reply_asked_for_are_taken_as_said(session):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Priya's email.")
    assert (await said(running, "Reply to her.")).startswith("What would you like to say")
    answer = await said(running, "I said yes, obviously.")
    assert answer.startswith("Here's your reply to Priya Natarajan: I said yes, obviously."), answer
    await said(running, "Cancel.")
    assert (await said(running, "Reply to her.")).startswith("What would you like to say")
    answer = await said(running, "Archive the old agenda... nah.")
    assert answer.startswith("Here's your reply to Priya Natarajan: Archive the old agenda"), answer
    assert assistant.asked_what_to_say is None


async def test_a_correction_of_a_time_in_the_reply_changes_it_before_any_send(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Reply saying we can talk at ten thirty.")
    changed = await said(running, "No no, not ten thirty, make it eleven fifteen.")
    assert changed.startswith("Here's your reply to Robert Bob Smith: We can talk at eleven fifteen."), changed
    changed = await said(running, "Sorry, I said eleven fifteen, I meant twelve.")
    assert changed.startswith("Here's your reply to Robert Bob Smith: We can talk at twelve."), changed
    assert await said(running, "Send it.") == "Sent to Robert Bob Smith."
    assert b"twelve" in smtp_server.messages[0].data and b"ten thirty" not in smtp_server.messages[0].data


async def test_the_reply_waiting_is_read_back_when_asked_for_by_whom_it_is_to(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    await said(running, "Tell her ill send the split by Thursday.")
    await said(running, "What does Priya want again?")
    for asked in ("Okay, back to that reply.", "Read me Sarah's reply again.", "Hang on, what did I say to Sarah?"):
        assert (await said(running, asked)).startswith(
            "Here's your reply to Sarah Chen: I'll send the split by Thursday."
        ), asked
    assert not smtp_server.messages


async def test_what_was_done_of_one_kind_is_said_from_the_days_record(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Have I sent anything today?") == "You haven't sent anything by voice today."
    await said(running, "Go to Priya's email.")
    await said(running, "Flag it.")
    assert await said(running, "Did I flag anything else?") == "Today you flagged 'Offsite agenda - your slot'."
    assert await said(running, "Is bobs still unread?") == "It's still marked unread."


async def test_an_email_named_by_place_or_topic_in_a_follow_up(session):  # noqa: F811
    running, _ = session
    for _ in range(3):
        await said(running, "Next.")
    assert (await said(running, "Take me back to the first one you read.")).startswith("From Sarah Chen")
    answer = await said(running, "And what did that guy say about the release?")
    assert "Robert Bob Smith" in answer and "release" in answer, answer
    assert await said(running, "Shut up.") == "Okay."


async def test_go_back_and_a_request_is_the_request_on_the_email_before(session):  # noqa: F811
    running, _ = session
    for _ in range(3):
        await said(running, "Next.")  # Sarah's, Bob's, Priya's
    answer = await said(running, "Oh, go back and tell him we'll hold the release.")
    assert answer.startswith("Here's your reply to Robert Bob Smith: We'll hold the release."), answer


async def test_junk_said_alone_is_asked_about_and_files_it_in_junk(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    asked = await said(running, "Ugh, junk it.")
    assert "Junk" in asked and asked.endswith("?"), asked
    await said(running, "Yes.")
    assert await folder_subjects(demo_copy, "junk") == ["This week at VendorX: 5 new dashboard features"]


async def test_an_action_and_a_mute_in_one_breath_do_the_one_and_ask_the_other(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    assert await said(running, "File it in the archive and mute them.") == "Archived. Mute news@vendorx.example?"
    assert (await said(running, "Yep.")).startswith("Okay, I'll skip mail from news@vendorx.example.")
    assert await said(running, "So what's muted now?") == "You've muted news@vendorx.example."
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]


async def test_the_one_skipped_is_the_one_passed_over(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Skip it.")
    assert "Robert Bob Smith" in await said(running, "Hang on, which was the one we just skipped?")


async def test_a_time_heard_in_another_form_is_still_the_one_changed_and_a_state_asked_is_not_set(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    await said(running, "Reply saying I'll have the numbers by 10.30 Friday.")
    changed = await said(running, "No, no, not 1030. Make it 11.")  # as Whisper heard it, spoken
    assert changed.startswith("Here's your reply to Sarah Chen: I'll have the numbers by 11 Friday."), changed
    assert await said(running, "Is Bob still unread?") == "It's still marked unread."
    assert await said(running, "Is Priya still unread?") == "It's still marked unread."


async def test_what_a_second_cold_review_found(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    # a mute said first is asked last, after the rest is done
    assert await said(running, "Mute them and archive it.") == "Archived. Mute news@vendorx.example?"
    await said(running, "No.")
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him see you at 10:40 tomorrow.")
    # a manner of speaking is no change of words
    assert not (await said(running, "Not really, it's fine, send it.")).startswith("Here's your reply")
    # a time corrected as the recognizer writes it keeps the draft's form
    changed = await said(running, "No no, not 1040, make it 1140.")
    assert changed.startswith("Here's your reply to Robert Bob Smith: See you at 11:40 tomorrow."), changed
    assert not smtp_server.messages


async def test_dictated_words_keep_ill_and_were_where_they_mean_that(session):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Sarah's email.")
    answer = await said(running, "Tell her shes ill probably till Friday.")
    assert "ill probably" in answer and "I'll" not in answer, answer
    await said(running, "Cancel.")
    assert "Were you able to fix it?" in await said(running, "Reply saying were you able to fix it.")
