"""Requests as drivers make them, beyond the exact commands: a draft read back on request, an
email named by its place or its sender inside a question, a self-repair mid-sentence, a search
the unread mail answers, a sender left out for now. Typed through a real AgentSession over the
demo mailbox in Dovecot; the LLM writes nothing (FAST_PATH_ONLY), so every answer here comes
from the mail itself."""

from __future__ import annotations

import re

from mailvox.agent.conversation.briefing import Briefing
from mailvox.agent.mail.rules import rules_for

from ..helpers import flagged_subjects, folder_subjects, inbox_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_a_draft_is_read_back_when_asked_and_a_yes_to_it_sends_it(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    first = await said(running, "Tell him we're still on for Thursday.")
    assert first.startswith("Here's your reply to Robert Bob Smith: We're still on for Thursday.")
    assert first.endswith("Shall I send it?")
    assert await said(running, "Read that back to me.") == first
    assert await said(running, "Sorry, say that again?") == first  # right after the read-back: the draft
    assert smtp_server.messages == []
    assert await said(running, "Yeah.") == "Sent to Robert Bob Smith."  # "Shall I send it?" "Yeah."
    assert len(smtp_server.messages) == 1


async def test_a_mishearing_after_the_read_back_is_said_to_be_one_and_sends_nothing(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we're still on for Thursday.")
    # "send it" as one recognizer heard it: a faint guess of a search, with nothing to look for
    assert await said(running, "Same there.") == (
        "Sorry, I didn't catch that. To send your reply, say send it. Or say cancel to leave it in your drafts."
    )
    assert smtp_server.messages == []
    assert await said(running, "Send it.") == "Sent to Robert Bob Smith."


async def test_a_go_ahead_right_after_the_read_back_sends_it(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we're still on for Thursday.")
    # a listener's sound answers nothing
    assert await said(running, "Mm-hm.") == "To send your reply, say send it. Or say cancel to leave it in your drafts."
    await said(running, "Read it back to me.")
    assert smtp_server.messages == []
    assert await said(running, "Yeah, go for it.") == "Sent to Robert Bob Smith."
    assert len(smtp_server.messages) == 1


async def test_an_email_named_by_its_place_or_by_a_sender_in_a_question(session):  # noqa: F811
    running, assistant = session
    items = assistant.briefing.items
    assert (await said(running, "Jump to the very last one.")).startswith(f"From {items[-1].sender}:")
    assert (await said(running, "Okay, read me the first one.")).startswith(f"From {items[0].sender}:")
    wanted = await said(running, "What does Bob want?")  # not the current email: his is found first
    assert wanted.startswith("Robert Bob Smith says: ") and "Thursday" in wanted, wanted
    assert assistant.briefing.current.sender == "Robert Bob Smith"


async def test_a_self_repair_counts_what_was_meant(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "Go to Bob's, uh, no wait, the one from IT.")).startswith("From IT Service Desk:")
    reply = await said(running, "Reply to Priya saying 10:30 works, no wait, 10:40 works.")
    assert reply.startswith("Here's your reply to Priya Natarajan: 10:40 works."), reply


async def test_a_word_after_the_name_stays_in_the_reply(session):  # noqa: F811
    running, _ = session
    reply = await said(running, "Tell Bob Thursday is still happening.")
    assert reply.startswith("Here's your reply to Robert Bob Smith: Thursday is still happening."), reply


async def test_a_search_of_the_mailbox_goes_to_the_one_it_finds_or_says_there_is_none(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Is there anything in there about the offsite?")).startswith("From Priya Natarajan:")
    assert await said(running, "Search my whole mailbox for the contract from Acme.") == (
        "I don't see any email about contract from acme."
    )


async def test_a_rule_for_the_sender_as_people_call_them(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the service desk email.")
    assert await said(running, "Mute the IT desk.") == "Mute servicedesk@northwind.example?"


async def test_a_named_sender_is_left_out_for_now(session):  # noqa: F811
    running, assistant = session
    await said(running, "Let's go through them.")
    assert (
        await said(running, "Skip anything from Priya for now.")
        == "Okay, I'll leave out Priya Natarajan's emails for now."
    )
    heard = [await said(running, "Next.") for _ in range(len(assistant.briefing.items))]
    assert not any("Priya" in answer for answer in heard)


async def test_when_something_runs_out_is_a_deadline(session):  # noqa: F811
    running, _ = session
    await said(running, "Open the IT one.")
    assert (
        await said(running, "How long have I got?")
        == "IT Service Desk says: Your VPN certificate expires on December 1st."
    )


async def test_no_question_about_a_draft_when_there_is_none(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the service desk email.")
    answer = await said(running, "No, never mind, just skip them for now.")
    assert not re.search(r"\b(?:draft|send)\b", answer), answer


async def test_a_folder_that_is_not_there_is_said_before_anything_is_asked(session):  # noqa: F811
    running, _ = session
    await said(running, "Sarah's email.")
    answer = await said(running, "Move it to the finance folder.")
    assert answer.startswith("I don't see a folder called finance."), answer


async def test_moving_by_place_after_a_read_back_means_it_is_heard_again_before_sending(session, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we're still on for Thursday.")
    first = assistant.briefing.items[0].sender
    assert (await said(running, "Read me the first one.")).startswith(f"From {first}:")  # that email, not the draft
    again = await said(running, "Send it.")
    assert again.startswith("We've moved on since I read it back, so here it is again."), again
    assert smtp_server.messages == []


async def test_a_read_email_asked_for_by_its_sender_is_found_in_the_inbox(session):  # noqa: F811
    running, assistant = session
    # Jamie's lunch email was read before the call, so the briefing does not hold it
    assert not assistant.briefing.senders_named("jamie")
    found = await said(running, "Read me the email from Jamie.")
    assert found.startswith("From Jamie Lee:") and "Lunch" in found, found
    assert assistant.briefing.current.sender == "Jamie Lee"
    reply = await said(running, "Tell her Wednesday works.")
    assert reply.startswith("Here's your reply to Jamie Lee: Wednesday works."), reply
    assert await said(running, "Go to the email from Zebulon.") == "I don't see an email from zebulon in your inbox."


async def test_an_action_naming_another_email_is_asked_about_by_its_sender_first(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Next.")
    assert assistant.briefing.current.sender == "Sarah Chen"
    asked = await said(running, "Get rid of the VendorX one.")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?"
    assert await folder_subjects(demo_copy, "trash") == []  # nothing before the yes
    assert (await said(running, "Yes.")).startswith("Moved to Trash.")
    assert await folder_subjects(demo_copy, "trash") == ["This week at VendorX: 5 new dashboard features"]
    # a sender with no email here: not the current email instead
    assert await said(running, "Archive the one from Zebulon.") == "I don't see an email from zebulon in your inbox."
    assert await folder_subjects(demo_copy, "archive") == []


async def test_a_guessed_action_always_names_its_email(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Next.")
    assert assistant.briefing.current.sender == "Sarah Chen"
    # a "yes" to a bare "it" would act on whichever email is current, meant or not
    assert await said(running, "Get rid of it.") == "Did you want me to move Sarah Chen's email to Trash?"
    await said(running, "No.")
    # the sender as Whisper heard it ("the VendorX one"), in no usual shape: that email, asked about
    asked = await said(running, "Get rid of the vendor X1.")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?", asked
    assert await folder_subjects(demo_copy, "trash") == []


async def test_which_folder_is_asked_and_the_answer_files_it(session, demo_copy):  # noqa: F811
    running, _ = session
    await demo_copy.imap.call(lambda client: [client.create_folder(f) for f in ("Receipts", "Projects")])
    await said(running, "Go to the offsite email.")
    assert await said(running, "Move this to a folder.") == "Which folder? Yours are Projects and Receipts."
    assert await said(running, "Okay, projects then.") == "Filed in Projects."
    assert await said(running, "Undo.") == "Undone: it's no longer filed in Projects."


async def test_a_flag_comes_off_and_keep_going_moves_on_after_an_email_heard_whole(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Next.")
    assert await said(running, "Flag it.") == "Flagged."
    assert await said(running, "Actually, unflag it.") == "Flag removed."
    assert await flagged_subjects(demo_copy) == []
    assert (await said(running, "Keep going.")).startswith("From Robert Bob Smith:")  # heard to its end: the next
    assert (await said(running, "Where were we?")).startswith("As I was saying about Robert Bob Smith's email")
    await said(running, "Hold on.")
    assert (await said(running, "Keep going.")).startswith("As I was saying about Robert Bob Smith's email")


async def test_an_action_on_this_one_or_by_topic_names_no_sender(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Next.")
    assert await said(running, "Flag the budget one.") == "Flagged."  # the current one is the budget one
    await said(running, "Next.")
    assert assistant.briefing.current.sender == "Robert Bob Smith"
    assert await said(running, "Archive this one.") == "Archived."  # the verb is not a sender
    assert await folder_subjects(demo_copy, "archive") == ["Is the release still on for Thursday?"]
    done = await said(running, "Flag the offsite one.")  # another email, named by a word of its subject: whose is said
    assert done == "Flagged Priya Natarajan's email.", done


async def test_a_which_folder_answer_is_not_taken_from_another_request(session, demo_copy):  # noqa: F811
    running, assistant = session
    await demo_copy.imap.call(lambda client: [client.create_folder(f) for f in ("Receipts", "Next Steps")])
    await said(running, "Go to the offsite email.")
    assert (await said(running, "File it.")).startswith("Which folder?")
    assert (await said(running, "Next.")).startswith("From IT Service Desk:")  # not the Next Steps folder
    assert (await said(running, "File it.")).startswith("Which folder?")
    assert await said(running, "Not receipts.") != "Filed in Receipts."
    assert await folder_subjects(demo_copy, "archive") == []


async def test_questions_about_the_envelope_and_a_word_swapped_in_the_draft(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    assert "Platform Team" in await said(running, "Who else got this?")
    assert await said(running, "Who sent it?") == "It's from Robert Bob Smith, bob.smith@northwind.example."
    first = await said(running, "Tell him we're still good for Thursday.")
    assert first.startswith("Here's your reply to Robert Bob Smith: We're still good for Thursday.")
    assert (await said(running, "Who's that going to?")).startswith("Your reply goes to Robert Bob Smith")
    swapped = await said(running, "No wait, change Thursday to Friday.")
    assert swapped.startswith("Here's your reply to Robert Bob Smith: We're still good for Friday."), swapped
    assert await said(running, "Read me the code.") == "I don't see a code in Robert Bob Smith's email."


async def test_a_yes_that_says_the_action_again_does_it(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to the newsletter.")
    assert await said(running, "Get rid of it.") == "Did you want me to move VendorX Updates's email to Trash?"
    assert (await said(running, "Yeah, trash it.")).startswith("Moved to Trash.")
    assert await folder_subjects(demo_copy, "trash") == ["This week at VendorX: 5 new dashboard features"]


async def test_two_requests_in_one_breath_are_both_done(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Bob's email.")
    both = await said(running, "Flag that and move on.")
    assert both.startswith("Flagged. From "), both
    assert assistant.briefing.current.sender != "Robert Bob Smith"
    flagged = assistant.briefing.current
    going_on = await said(running, "Mark that one read and go on.")  # the next email, not this one again
    assert going_on.startswith("Marked read. From ") and assistant.briefing.current is not flagged, going_on
    # an "and" inside what is said is not a second request
    assert (
        await said(running, "Archive Jamie's lunch email, that's done and dusted.")
    ) == "Did you want me to archive Jamie Lee's email?"  # found by a search of the inbox: asked


async def test_a_reply_to_all_goes_to_everyone_on_it(session):  # noqa: F811
    running, assistant = session
    await said(running, "Bob's release email.")
    draft = await said(running, "Reply all, tell 'em we're slipping to Monday.")
    assert "Platform Team" in draft and "We're slipping to Monday." in draft, draft
    assert "platform@northwind.example" in str(assistant.pending["Cc"]) + str(assistant.pending["To"])


async def test_mail_asked_after_by_sender_or_kind_is_found(session):  # noqa: F811
    running, _ = session
    # with no email open, a question about one is about the one it names
    assert await said(running, "Who's that newsletter even from?") == "It's from VendorX Updates, news@vendorx.example."
    assert (await said(running, "Did Jamie email me about something?")).startswith("From Jamie Lee:")
    assert await said(running, "The IT desk keeps spamming me, mute them.") == "Mute servicedesk@northwind.example?"


async def test_a_pause_after_the_reply_verb_names_no_one(session):  # noqa: F811
    running, _ = session
    await said(running, "Sarah's budget one.")
    draft = await said(running, "Reply: numbers by Friday noon, cloud spend split out.")
    assert draft.startswith("Here's your reply to Sarah Chen: Numbers by Friday noon"), draft


async def test_what_it_cannot_do_is_said_and_the_speed_goes_back_to_normal(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "Remind me at five to renew that VPN thing.")).startswith("I can't use your calendar")
    await said(running, "Reply to Sarah saying numbers are coming Thursday.")
    later = await said(running, "Can you send that tomorrow morning at like 8?")
    assert later.startswith("I can't send it later."), later
    await said(running, "Faster.")
    assert await said(running, "Whoa, too much, just go back to normal.") == "Okay, normal speed."


async def test_due_dates_across_the_briefing_and_a_question_after_a_lead_in(session):  # noqa: F811
    running, _ = session
    assert await said(running, "What's due soonest out of all this?") == "Sarah Chen's is due Friday."
    await said(running, "Go to Priya's.")
    assert (await said(running, "Hold up, what did Priya want again")).startswith("Priya Natarajan says: ")


async def test_an_action_on_an_email_described_but_not_here_touches_no_other(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Jamie's lunch email.")
    both = await said(running, "Mark Jamie's lunch email unread and archive the standup notes.")
    # read before the call, the standup notes are found in the inbox, and asked about by name (and
    # subject: Sarah's budget email is here too)
    assert both == "Marked unread. Did you want me to archive Sarah Chen's email, Standup notes, Monday?", both
    assert await said(running, "No.") == "Okay."
    assert await folder_subjects(demo_copy, "archive") == []  # not Jamie's instead
    missing = await said(running, "Archive the email about the trip to Boston.")
    assert missing.startswith("I don't see the trip") and missing.endswith("in your inbox."), missing
    assert await folder_subjects(demo_copy, "archive") == []  # nor the current one instead


async def test_a_regret_right_after_an_action_undoes_it(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Open Priya's.")
    assert (await said(running, "Delete it.")).startswith("Moved to Trash.")
    assert (await said(running, "No wait, don't, I still need that.")).startswith("Undone")
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_time_in_words_stays_in_the_reply_and_a_redone_reply_replaces_its_draft(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Priya's offsite email.")
    draft = await said(running, "Tell Priya ten forty works for me.")  # "ten" is no surname
    assert draft.startswith("Here's your reply to Priya Natarajan: Ten forty works for me."), draft
    redone = await said(running, "No wait, scratch that. Tell her eleven works better.")
    assert redone.startswith("Here's your reply to Priya Natarajan: Eleven works better."), redone
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Offsite agenda - your slot"]  # one, not two


async def test_copying_the_whole_team_is_a_reply_to_all(session):  # noqa: F811
    running, assistant = session
    draft = await said(running, "Answer Bob and copy the whole team, tell everyone the release moves to Monday.")
    assert "The release moves to Monday." in draft and "Platform Team" in draft, draft


async def test_what_the_review_found_acts_on_nothing_unasked(session, demo_copy, smtp_server):  # noqa: F811
    running, assistant = session
    await said(running, "Bob's email.")
    # "it" is the email being read, whoever else the request names
    assert await said(running, "Archive it, I sorted it out with Jamie.") == "Archived."
    assert await folder_subjects(demo_copy, "archive") == ["Is the release still on for Thursday?"]
    # a request that tells, not asks, is not two requests
    await said(running, "Go to Priya's.")
    assert not (await said(running, "I already read it and flagged it.")).startswith("Flag")
    # "remind me what ..." is a question, not a reminder
    assert not (await said(running, "Remind me what Priya wanted.")).startswith("I can't")
    # a "don't" that is not about the last action undoes nothing
    assert await said(running, "Flag it.") == "Flagged."
    await said(running, "No, I don't need to reply.")
    assert assistant.gate.last_action is not None  # the flag stands
    assert len(await flagged_subjects(demo_copy)) == 1


async def test_only_send_it_sends_whatever_the_question_before(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "The VendorX newsletter.")
    read_back = await said(running, "Reply saying no thanks.")
    assert "outside your company" in read_back, read_back
    first = await said(running, "Send it.")
    later = await said(running, "Send it later.")
    assert first.endswith("?") and smtp_server.messages == [], (first, later)  # asked, then not a yes


# "not yet" keeps the draft the one a later "send it" sends
NOT_YET = "Okay, I won't send it. Your reply stays in your drafts; say send it when you're ready."


async def test_a_draft_thrown_away_is_deleted_and_one_kept_stays(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Bob's email.")
    await said(running, "Tell him it's Monday, QA needs another day.")
    assert await said(running, "Hmm nah, get rid of that draft, I'll talk to him in person.") == (
        "Okay, I've deleted that draft."
    )
    assert await folder_subjects(demo_copy, "drafts") == []
    await said(running, "Tell him we're still on for Thursday.")
    assert await said(running, "Toss that.") == "Okay, I've deleted that draft."  # the draft just read back
    assert await folder_subjects(demo_copy, "drafts") == []
    assert await folder_subjects(demo_copy, "trash") == []  # not Bob's email
    await said(running, "Tell him Thursday works.")
    assert await said(running, "Don't send it yet.") == NOT_YET
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Is the release still on for Thursday?"]


async def test_a_repaired_reply_keeps_its_addressee_and_a_draft_can_be_said_anew(session):  # noqa: F811
    running, _ = session
    heard = await said(
        running,
        "Tell Bob we're still on for Thursday, no wait, I mean tell him we're pushing to Monday, uh, because of QA.",
    )
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're pushing to Monday because of QA."), heard
    heard = await said(running, "Actually change it to say can we do Tuesday instead")
    assert heard.startswith("Here's your reply to Robert Bob Smith: Can we do Tuesday?"), heard


async def test_undo_while_asked_does_nothing_and_says_so(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Delete the newsletter.") == "Did you want me to move VendorX Updates's email to Trash?"
    assert await said(running, "Oh shoot, undo that.") == "Okay, I haven't done it."
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_day_taken_back_mid_reply_is_replaced_and_the_thinking_sounds_never_written(session):  # noqa: F811
    running, _ = session
    heard = await said(
        running,
        "Reply to Bob, tell him we're gonna push it to uh Thursday no wait I mean Monday, so tell QA to expect Monday.",
    )
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're gonna push it to Monday"), heard
    assert "Thursday" not in heard and " uh " not in heard
    heard = await said(running, "Reply to Sarah, say sounds good I'll get them to you by uh Thursday.")
    assert heard.startswith("Here's your reply to Sarah Chen: Sounds good I'll get them to you by Thursday."), heard


async def test_a_sender_named_with_what_the_email_is_and_a_note_after_and_say(session):  # noqa: F811
    running, _ = session
    # "newsletter" says what it is, not whose: "vendor ex" is VendorX, not every address with "ex" in it
    done = await said(running, "Ok I'm done with the vendor ex newsletter.")
    assert "VendorX Updates" in done and not done.startswith(("Archived", "Okay, I'll skip")), done
    await said(running, "No.")
    # "... and say you in?" is the note, not a second request to go to "lunch"
    asked = await said(running, "Bounce the lunch email to Bob and say you in?")
    assert asked.startswith("Here's your forward of Jamie Lee's email, Lunch on Wednesday?, to Robert Bob Smith"), asked
    assert "with your note: You in" in asked, asked


async def test_an_action_and_lets_keep_going_does_both(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Bob's email.")
    both = await said(running, "Flag it and let's keep going.")
    assert both.startswith("Flagged. From "), both


async def test_a_question_about_an_emails_state_is_answered_and_changes_nothing(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Read me the email from Bob.")
    assert await said(running, "Is it flagged?") == "No, it isn't flagged."  # it used to take the flag off
    assert await said(running, "Flag it.") == "Flagged."
    assert await said(running, "Did I flag that one?") == "Yes, it's flagged."  # it used to flag it again
    assert await said(running, "Have I read this one already?") == "It's still marked unread."
    assert await said(running, "Did I ever answer that?") == "I don't see a reply from you to it."
    await said(running, "Tell him Thursday is still on.")
    assert await said(running, "Sorry, did that go out already?") == (
        "No, your reply to Robert Bob Smith hasn't gone out. It's in your drafts: say send it to send it."
    )
    assert await said(running, "Send it.") == "Sent to Robert Bob Smith."
    assert await said(running, "Did that go out?") == "Yes, it went to Robert Bob Smith."
    assert await said(running, "Did I reply to it?") == "Yes, you replied today."


async def test_a_name_the_recognizer_broke_is_still_the_sender(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "read me bobs email")).startswith("From Robert Bob Smith:")
    assert await said(running, "delete the vendor x newsletter") == (
        "Did you want me to move VendorX Updates's email to Trash?"
    )


async def test_forward_and_archive_in_one_breath_does_both(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    both = await said(running, "Forward this to Jamie and archive it.")
    assert both.startswith("Here's your forward of Robert Bob Smith's email") and both.endswith("Archived."), both
    assert await folder_subjects(demo_copy, "archive") == ["Is the release still on for Thursday?"]
    assert await folder_subjects(demo_copy, "drafts") == ["Fwd: Is the release still on for Thursday?"]


async def test_an_addressee_taken_back_is_replaced_and_a_day_said_instead_is_swapped(session):  # noqa: F811
    running, _ = session
    heard = await said(running, "reply to bob, no wait, to sarah. tell her i'll have the numbers friday morning")
    assert heard.startswith("Here's your reply to Sarah Chen: I'll have the numbers Friday morning."), heard
    await said(running, "Never mind, don't send it.")
    assert (await said(running, "tell jamie yes to lunch wednesday")).startswith("Here's your reply to Jamie Lee: ")
    heard = await said(running, "hmm change it to say thursday instead, wednesday's packed")
    assert heard.startswith("Here's your reply to Jamie Lee: Yes to lunch Thursday."), heard


async def test_never_mind_drops_the_question_and_dictation_called_off_writes_nothing(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "forward sarah's budget email to dave")).startswith("I don't know anyone called dave")
    assert await said(running, "oh, never mind then") == "Okay."  # it used to ask "Mute sarah.chen@...?"
    assert await said(running, "Reply to Bob.") == "What would you like to say to Robert Bob Smith?"
    assert await said(running, "um tell him... actually never mind, i'll just call him") == "Okay, no reply."
    assert await folder_subjects(demo_copy, "drafts") == []


async def test_a_reply_with_no_email_open_asks_whose_and_takes_the_answer(session):  # noqa: F811
    running, _ = session
    assert (
        await said(running, "reply to her and say sounds good") == "Which email should I reply to? Say who it's from."
    )
    assert (await said(running, "priya")).startswith("Here's your reply to Priya Natarajan: Sounds good.")


async def test_an_email_read_before_the_call_is_found_by_what_it_is(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (await said(running, "what was in the standup one")).startswith("From Sarah Chen: Standup notes, Monday.")
    assert await said(running, "move the standup notes into a folder called team") == (
        "I don't see a folder called team. You have no folders of your own."
    )
    assert await said(running, "archive the standup notes") == "Archived."  # the one open now
    assert await folder_subjects(demo_copy, "archive") == ["Standup notes, Monday"]


async def test_what_a_driver_adds_after_the_request_does_not_change_it(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "read me the new ones")).startswith("From ")  # the briefing starts
    heard = await said(running, "mark the newsletter as read, i don't need to hear it")
    assert heard == "Did you want me to mark VendorX Updates's email read?", heard
    await said(running, "No.")
    await said(running, "answer priya, say ten forty works for me")
    heard = await said(running, "don't send it yet, i wanna check my calendar first")
    assert heard == NOT_YET, heard  # not "I can't use your calendar"
    await said(running, "Read the offsite email.")
    heard = await said(running, "sorry you broke up there, what time did she say")
    assert heard != "Go on.", heard


async def test_did_that_go_out_is_about_the_last_draft_and_a_forward_without_recipient_stops_the_rest(
    session,  # noqa: F811
    demo_copy,
):
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him Thursday is still on.")
    assert await said(running, "Send it.") == "Sent to Robert Bob Smith."
    await said(running, "Reply to Sarah saying the numbers come Friday.")
    assert (
        await said(running, "Don't send it.")
        == "Okay, I won't send it. Your reply stays in your drafts; say send it when you're ready."
    )
    gone = await said(running, "Did that go out?")
    assert gone.startswith("No, your reply to Sarah Chen hasn't gone out."), gone  # Sarah's, not Bob's
    # dictation that only says "don't bother" about something else is still dictation
    heard = await said(running, "Reply to Priya saying sounds good. Actually, don't bother bringing the slides.")
    assert heard.startswith("Here's your reply to Priya Natarajan: Sounds good"), heard
    await said(running, "Cancel.")
    await said(running, "Go to Bob's email.")
    assert await said(running, "Forward it and archive it.") == "Who should I forward it to?"
    assert await folder_subjects(demo_copy, "archive") == []  # asked first, so nothing after it was done


async def test_approval_of_a_draft_read_back_says_how_to_send_it_and_is_no_guess(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Sarah saying I'll have it by Friday.")
    # "Looks fine to me." was guessed as a forward, and "Send it." then answered that question
    assert await said(running, "Looks fine to me.") == (
        "To send your reply, say send it. Or say cancel to leave it in your drafts."
    )
    assert smtp_server.messages == []
    assert await said(running, "Send it.") == "Sent to Sarah Chen."


async def test_whether_an_email_was_moved_and_the_state_of_one_named_are_answered(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Bob's email.")
    assert await said(running, "Did you archive it?") == "No, it's still in your inbox."
    assert await said(running, "Archive it.") == "Archived."
    assert await said(running, "Did you archive it?") == "Yes, it's in Archive."  # it said "still in Archive"
    # a named email is gone to first, and its own flags answer
    assert await said(running, "Is Sarah's email flagged?") == "No, it isn't flagged."
    assert assistant.briefing.current.sender == "Sarah Chen"


# A fourth cold scenario set (written without the code): each test is one behaviour it found missing.


async def test_a_reply_named_by_its_email_or_its_person_asks_what_to_say_and_takes_the_answer(session, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "Shoot Priya a reply.") == "What would you like to say to Priya Natarajan?"
    heard = await said(running, "Say, um, 10:40 works for me.")
    assert heard.startswith("Here's your reply to Priya Natarajan: 10:40 works for me."), heard
    await said(running, "Cancel.")
    assert await said(running, "Start a response to the off site email.") == (
        "What would you like to say to Priya Natarajan?"  # "off site" is the offsite email, not a person
    )
    await said(running, "Never mind.")
    assert await said(running, "Reply to Sarah's budget thing.") == "What would you like to say to Sarah Chen?"
    heard = await said(running, "Tell her I'll have the numbers Thursday.")
    assert heard.startswith("Here's your reply to Sarah Chen: I'll have the numbers Thursday."), heard
    # one more person on the reply: on its Cc, read back before anything is sent
    copied = await said(running, "Actually, put Bob on that too.")
    assert copied.startswith("Here's your reply to Sarah Chen, Robert Bob Smith: I'll have the numbers Thursday."), (
        copied
    )
    assert smtp_server.messages == []


async def test_a_choice_asked_for_is_never_taken_from_a_request_of_its_own(session, smtp_server):  # noqa: F811
    running, _ = session
    # "Yep, send it." once answered "Which email should I reply to?" as the IT one ("it")
    assert (
        await said(running, "Reply to her and say sounds good.") == "Which email should I reply to? Say who it's from."
    )
    assert await said(running, "Yep, send it.") == "There's nothing waiting to be sent."
    assert smtp_server.messages == []


async def test_muted_senders_are_listed_when_asked_and_never_muted_by_the_question(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Have I muted anybody?") == "You haven't muted anyone."
    assert await said(running, "Mute the IT desk guys, they just spam me.") == "Mute servicedesk@northwind.example?"
    await said(running, "Yes.")
    assert await said(running, "What have I got muted now?") == "You've muted servicedesk@northwind.example."


async def test_how_many_from_someone_and_the_older_one_of_them(session):  # noqa: F811
    running, _ = session
    counted = await said(running, "How many emails do I have from Sarah?")
    assert counted.startswith("I found 2 emails from sarah"), counted
    older = await said(running, "The older one, what was that about?")  # not cut short at "about?"
    assert older.startswith("From Sarah Chen: Standup notes, Monday."), older
    assert "retro is friday" in (await said(running, "Like, is the retro still Friday?")).lower()


async def test_what_is_not_email_is_said_plainly(session):  # noqa: F811
    running, assistant = session
    assert await said(running, "What's the weather like downtown?") == "I can only help with your email."
    assert await said(running, "Am I free at 10:40 on the third?") == "I can't see your calendar, only your email."
    await said(running, "Open Jamie's email.")  # with an email open, too: not a question about it
    assert await said(running, "What's the weather gonna do today?") == "I can only help with your email."
    assert await said(running, "Did I get back to Bob yet?") == "I don't see a reply from you to it."
    assert assistant.briefing.current.sender == "Robert Bob Smith"  # asked of Bob's, not the open Jamie's


async def test_a_draft_kept_is_said_to_be_in_drafts_and_a_spelled_out_acronym_finds_its_email(session, smtp_server):  # noqa: F811
    running, _ = session
    heard = await said(running, "Respond to Bob, just say let's talk at standup.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: Let's talk at standup."), heard
    assert (
        await said(running, "Send it. Wait, no, no, don't send it.")
        == "Okay, I won't send it. Your reply stays in your drafts; say send it when you're ready."
    )
    assert await said(running, "Okay, is it still saved somewhere?") == "Yes, it's saved in your drafts."
    assert smtp_server.messages == []
    vpn = await said(running, "Um, the one about the, the V.P.N. thing.")
    assert vpn.startswith("From IT Service Desk:"), vpn


async def test_an_email_read_before_the_call_pulled_up_by_its_sender_and_kept_unread(session, demo_copy, dovecot):  # noqa: F811
    running, _ = session
    heard = await said(running, "Pull up Jamie's lunch thing.")
    assert heard.startswith("From Jamie Lee: Lunch on Wednesday?"), heard
    assert await said(running, "Keep that one unread, I wanna look at it later.") == "Marked unread."
    rob = await said(running, "What about Rob?")  # a sender by a nickname, not a topic
    assert rob.startswith("From Robert Bob Smith: Is the release still on for Thursday?"), rob


async def test_the_other_one_of_two_and_what_an_email_says_to_do(session):  # noqa: F811
    running, _ = session
    await said(running, "What did Sarah send me?")
    other = await said(running, "No, the other one.")
    assert other.startswith("From Sarah Chen: Standup notes, Monday."), other
    await said(running, "Back to my briefing.")
    await said(running, "Open the IT one.")
    assert await said(running, "And how do I fix it? Like, what do they say to do?") == (
        "IT Service Desk says: Renew it from the self-service portal before then to avoid losing remote access."
    )


async def test_many_at_once_is_refused_and_later_is_a_flag_asked_about(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Ugh, just delete them all.") == (
        "I do that one email at a time, so I haven't touched any. Say which one."
    )
    assert await folder_subjects(demo_copy, "trash") == []
    await said(running, "Go to Sarah's email.")
    assert (
        await said(running, "Ugh, I'll deal with that when I get in.") == "Did you want me to flag Sarah Chen's email?"
    )


async def test_a_word_swap_after_actually_no(session):  # noqa: F811
    running, _ = session
    await said(running, "Answer Bob, tell him we're still shipping Thursday.")
    heard = await said(running, "Actually no, change Thursday to Monday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're still shipping Monday."), heard


async def test_never_mind_keeps_the_draft_and_send_it_over_is_a_replys_words(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Jamie saying Wednesday works.")
    # "I'll delete it myself" is what the caller will do; the draft stays in Drafts
    assert (
        await said(running, "Never mind, I'll delete it myself.") == "Okay, I won't send it. It stays in your drafts."
    )
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Lunch on Wednesday?"]
    assert await said(running, "Shoot Priya a reply.") == "What would you like to say to Priya Natarajan?"
    heard = await said(running, "Sure, send it over.")  # the reply's words, not a send
    assert heard.startswith("Here's your reply to Priya Natarajan: Sure, send it over."), heard
    assert smtp_server.messages == []


async def test_a_surname_no_sender_has_after_a_first_name_one_has_is_a_mishearing(session):  # noqa: F811
    running, _ = session
    # Whisper heard "Reply to Sarah saying ..." as "Reply to Sarah Sainte, ..." in the compose test
    heard = await said(running, "Reply to Sarah Sainte, I will send the numbers tomorrow.")
    assert heard.startswith("Here's your reply to Sarah Chen: I will send the numbers tomorrow."), heard


async def test_a_cold_sets_requests_go_to_the_email_and_the_person_they_name(session, smtp_server):  # noqa: F811
    running, _ = session
    # no email open: "him" is the sender named before the words
    heard = await said(running, "Ok Bob's asking about Thursday, right? Tell him yeah we're still on for Thursday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: Yeah we're still on for Thursday."), heard
    assert (
        await said(running, "Cool, did that go out?")
        == "No, your reply to Robert Bob Smith hasn't gone out. It's in your drafts: say send it to send it."
    )
    await said(running, "Cancel that.")
    heard = await said(
        running, "Reply to Bob, no wait, Sarah, say the numbers come Friday and just send it, I'm driving."
    )
    assert heard.startswith("Here's your reply to Sarah Chen: The numbers come Friday."), heard
    heard = await said(running, "Read me what it says now.")  # the draft, not the email
    assert heard.startswith("Here's your reply to Sarah Chen:"), heard
    heard = await said(running, "And the VPN thing, when's that due?")  # that email, not the one open
    assert heard.startswith("IT Service Desk"), heard
    heard = await said(running, "Reply to Priya, say 10:40 works, and send it.")  # read back first all the same
    assert heard.startswith("Here's your reply to Priya Natarajan: 10:40 works. It's saved"), heard
    assert smtp_server.messages == []


async def test_a_reply_to_everyone_is_made_a_reply_to_the_sender_alone_when_asked(session, smtp_server):  # noqa: F811
    running, _ = session
    heard = await said(running, "Reply all to Bob saying the release is slipping to Monday.")
    assert "That's a reply to everyone on it." in heard, heard
    heard = await said(running, "Add that not everyone can make it.")  # words of the reply, no narrowing
    assert "Platform Team" in heard and "Not everyone can make it." in heard, heard
    heard = await said(running, "Just Priya then.")  # not the sender: nothing narrowed
    assert "Here's your reply to Robert Bob Smith: " not in heard, heard
    heard = await said(running, "Okay just Bob then, take the team off.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: The release is slipping to Monday."), heard
    assert "a reply to everyone" not in heard, heard
    await said(running, "Send it.")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bob.smith@northwind.example"]]


async def test_where_the_caller_is_is_said_from_the_briefing(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Where are we?")).startswith("We haven't started.")
    await said(running, "Next.")
    await said(running, "Next.")
    heard = await said(running, "Uh wait, which one am I on right now?")
    assert heard == "You're on Robert Bob Smith's email, Is the release still on for Thursday? Two of five.", heard


async def test_a_text_is_refused_but_words_about_calling_are_dictated(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Ok well then just text my wife I'm gonna be late.") == (
        "I can't send texts or make calls, only email. Say reply or forward to write one."
    )
    assert await said(running, "Shoot Priya a reply.") == "What would you like to say to Priya Natarajan?"
    heard = await said(running, "Call me when you land.")  # the answer's words
    assert heard.startswith("Here's your reply to Priya Natarajan: Call me when you land."), heard


async def test_a_reply_made_a_reply_to_everyone_and_a_send_is_never_undone(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Archive the VendorX newsletter.")  # an earlier move "undo" must leave alone
    await said(running, "Reply to Bob saying Thursday is fine.")
    heard = await said(running, "Actually make that reply all.")
    assert heard.startswith("Here's your reply to Robert Bob Smith, "), heard
    assert "Platform Team: Thursday is fine." in heard and "That's a reply to everyone on it." in heard, heard
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Is the release still on for Thursday?"]
    await said(running, "Send it.")
    assert "platform@northwind.example" in smtp_server.messages[0].rcpt_tos
    heard = await said(running, "Oh no, undo that.")
    assert heard.startswith("It already went to Robert Bob Smith"), heard
    await said(running, "Next.")
    await said(running, "Next.")
    heard = await said(running, "Can you unsend it?")  # later too: never the archive undone instead
    assert heard.startswith("It already went to Robert Bob Smith"), heard
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]


async def test_a_reply_to_an_email_described_or_a_person_said_without_words(session, smtp_server):  # noqa: F811
    running, _ = session
    # the standup notes were read before the call: found in the inbox, not Bob's open email
    await said(running, "Read me Bob's email.")
    heard = await said(running, "Reply all to the standup notes, say I can't make retro Friday.")
    assert heard.startswith("Here's your reply to Sarah Chen, Platform Team: I can't make retro Friday."), heard
    assert (
        await said(running, "Does that go to the whole team?")
        == "Your reply goes to Sarah Chen, Platform Team, and it hasn't gone out. Shall I send it?"
    )
    await said(running, "Cancel that.")
    # wanting to reply is no words of the reply
    assert await said(running, "I'm gonna have to answer Bob, I guess.") == (
        "What would you like to say to Robert Bob Smith?"
    )
    heard = await said(running, "Erm, tell him we're not shipping Thursday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're not shipping Thursday."), heard
    assert smtp_server.messages == []


async def test_the_same_action_again_on_another_email_and_skipping_to_the_last_one(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Archive the VendorX one.") == "Archived VendorX Updates's email."
    assert await said(running, "And the IT one too.") == "Archived IT Service Desk's email."
    assert await folder_subjects(demo_copy, "archive") == [
        "This week at VendorX: 5 new dashboard features",
        "Your VPN certificate expires in 7 days",
    ]
    heard = await said(running, "Now undo that.")  # a request of its own, not "archive the undo that one"
    assert heard.startswith("Undone"), heard
    assert await said(running, "Flag it.") == "Flagged."
    # on through the briefing, not "flag the next one": the archived newsletter is passed over, and
    # the three not heard are offered
    heard = await said(running, "And next.")
    assert heard == "That was the last one, but you haven't heard 3 yet. Shall I go to Sarah Chen's?", heard
    assert (await said(running, "Go back to the first one.")).startswith("From Sarah Chen:")
    heard = await said(running, "Skip to the last one.")  # forward: the final one, never a sender called "last"
    assert heard.startswith("From IT Service Desk:"), heard


async def test_acting_on_another_email_keeps_the_place_and_what_went_is_passed_over(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "Yes, go ahead.")).startswith("From Sarah Chen:")
    assert await said(running, "Archive the VendorX one.") == "Archived VendorX Updates's email."
    assert assistant.briefing.current.sender == "Sarah Chen"  # still reading Sarah's
    heard = [await said(running, "Next.") for _ in range(4)]
    assert heard[0].startswith("From Robert Bob Smith:") and heard[0].endswith("Two of four."), heard[0]
    assert not any("VendorX" in answer for answer in heard)
    assert heard[-1] == "That was the last one."
    assert await said(running, "Wait, what did I just archive?") == (
        "You just archived 'This week at VendorX: 5 new dashboard features'."
    )


async def test_questions_that_only_ask_never_act(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Read me Bob's email.")
    # advice asked about the open email: what triage found, never a reply saying "today"
    advice = await said(running, "Should I reply to this today?")
    assert advice.endswith("It's your call.") and "a question for you" in advice, advice
    assert await said(running, "Reckon it can wait till next week?") == advice  # not "next"
    assert await folder_subjects(demo_copy, "drafts") == []
    # the unread count as the server has it, after one is marked unread again
    assert await said(running, "Mark it unread.") == "Marked unread."
    assert await said(running, "How many unread have I got now?") == "5 emails you haven't read yet."
    assert smtp_server.messages == []


async def test_a_topic_only_another_email_mentions_and_names_heard_as_sounds(session):  # noqa: F811
    running, _ = session
    await said(running, "Yes please.")  # Sarah's budget email is open
    heard = await said(running, "Status on the migration?")  # only the standup notes, read before the call, say
    # the one part of the notes' list that speaks of it
    assert heard == "Sarah Chen's email, Standup notes, Monday, says: Migration is 80% done.", heard
    assert (await said(running, "Start over.")).startswith("From Sarah Chen: Q3 budget")
    # letters and a name the recognizer wrote as the sounds it heard
    assert (await said(running, "Read the eye tee desk one.")).startswith("From IT Service Desk:")
    assert (await said(running, "Go to pree-a's email.")).startswith("From Priya Natarajan:")
    assert (await said(running, "Anything about cue three?")).startswith("From Sarah Chen: Q3 budget")


async def test_a_second_reply_goes_to_whoever_it_names(session, smtp_server):  # noqa: F811
    running, _ = session
    heard = await said(running, "Draft a reply to Priya saying 10:40 is good.")
    assert heard.startswith("Here's your reply to Priya Natarajan: 10:40 is good."), heard
    heard = await said(running, "And one to Jamie saying sorry, can't do Wednesday.")
    assert heard.startswith("Here's your reply to Jamie Lee: Sorry, can't do Wednesday."), heard
    assert smtp_server.messages == []


async def test_questions_about_the_mail_are_answered_never_carried_out(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "What's still unread?") == "5 emails you haven't read yet."  # never "Marked unread."
    assert await said(running, "Did that go?") == "I haven't sent anything for you on this call."
    heard = await said(running, "Is there anything I actually need to do today?")  # not a search by date
    assert heard.startswith("One looks important. Sarah Chen's, Q3 budget numbers needed by Friday."), heard
    assert (await said(running, "When's the offsite again?")).startswith("Priya Natarajan's email, Offsite agenda")
    heard = await said(running, "How long's the slot?")  # how long it lasts, not a deadline
    assert heard.endswith("I put you down for a 20-minute slot on reliability at the offsite on December 3rd."), heard
    await said(running, "What's the VPN one say exactly?")
    heard = await said(running, "Where do I renew it?")  # a question, never "resume"
    assert (
        heard
        == "IT Service Desk says: Renew it from the self-service portal before then to avoid losing remote access."
    )
    assert await said(running, "Sorry, which one am I on, I zoned out.") == (
        "You're on IT Service Desk's email, Your VPN certificate expires in 7 days. Four of five."
    )
    assert await said(running, "What folder is it in now?") == "It's in your inbox."
    assert await folder_subjects(demo_copy, "archive") == [] and smtp_server.messages == []


async def test_a_rule_for_a_sender_named_among_other_words(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Ugh, mute the VendorX stuff then.") == "Mute news@vendorx.example?"
    await said(running, "No.")
    await said(running, "Read me the newsletter one.")
    assert await said(running, "And don't show me those again.") == "Mute news@vendorx.example?"  # never "Unmute"


async def test_asked_what_to_say_the_answer_is_the_words(session):  # noqa: F811
    running, _ = session
    assert await said(running, "The reply to Bob, I mean.") == "What would you like to say to Robert Bob Smith?"
    heard = await said(running, "Right, well tell him we're holding off till Monday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're holding off till Monday."), heard
    await said(running, "Cancel that.")
    assert (await said(running, "Actually, go back to Priya's, I should answer her.")).startswith(
        "From Priya Natarajan:"
    )


async def test_a_draft_changed_in_the_callers_own_words(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Bob saying we're still on for Thursday this morning.")
    heard = await said(running, "Hmm, take out this morning, just say today.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're still on for Thursday today."), heard
    heard = await said(running, "Take out the bit about Thursday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: We're still on for today."), heard
    assert await said(running, "Drop the question.") == "I don't see the question in your reply, so it's as it was."
    assert (
        await said(running, "Drop it.") == "Okay, I won't send it. It stays in your drafts."
    )  # the draft, never the word "it"
    assert smtp_server.messages == []


async def test_an_aside_anywhere_and_a_clarification_first(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    heard = await said(running, "Okay, I'll deal with it later, skip her for now.")
    assert heard.startswith("Skipping Priya Natarajan."), heard
    heard = await said(running, "I mean the newsletter thing, the vendor one.")  # nothing before it to take back
    assert heard.startswith("From VendorX Updates:"), heard


async def test_a_part_of_the_draft_said_anew_and_reported_speech_said_to_her(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "The offsite one from Priya, what's she asking?")
    heard = await said(running, "Okay reply and tell her 1040 works, and, uh, that I'll bring slides.")
    assert heard.startswith("Here's your reply to Priya Natarajan: 10:40 works, and I'll bring slides."), heard
    heard = await said(running, "Actually make that I'll send the slides over the day before.")
    assert heard.startswith(
        "Here's your reply to Priya Natarajan: 10:40 works, and I'll send the slides over the day before."
    ), heard
    assert smtp_server.messages == []


async def test_a_call_declined_leaves_the_person_to_write_to(session, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "Call Bob.") == (
        "I can't make calls or send texts, only email. To write to Robert Bob Smith, say reply saying, and then your words."
    )
    heard = await said(running, "Okay then just tell him I'll ring him from the office.")
    # "him" is the addressee: written to him
    assert heard.startswith("Here's your reply to Robert Bob Smith: I'll ring you from the office."), heard
    assert smtp_server.messages == []


async def test_when_a_thing_is_and_who_is_on_the_email_after_another_clause(session):  # noqa: F811
    running, _ = session
    heard = await said(running, "What day of the week is the offsite?")  # not a search for this week's mail
    assert heard.startswith("Priya Natarajan's email, Offsite agenda - your slot, says:"), heard
    await said(running, "Read me Bob's email.")
    assert await said(running, "Who's customer success, are they on the email?") == (
        "It went to Alex Morgan and Platform Team."
    )


async def test_dictated_words_never_edit_the_open_draft_and_okay_is_a_reply(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Sarah saying the numbers come Thursday.")
    heard = await said(running, "And one to Jamie saying let's do Friday instead of Thursday.")
    assert heard.startswith("Here's your reply to Jamie Lee: Let's do Friday instead of Thursday."), heard
    heard = await said(running, "Draft a reply to Priya saying where are we?")  # her words, not "where am I"
    assert heard.startswith("Here's your reply to Priya Natarajan: Where are we?"), heard
    heard = await said(running, "Reply to Bob saying okay.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: Okay."), heard
    assert smtp_server.messages == []


async def test_a_question_declined_leaves_the_caller_where_they_were(session):  # noqa: F811
    running, assistant = session
    await said(running, "Yes please.")  # Sarah's
    assert await said(running, "That news letter can go.") == "Did you want me to archive VendorX Updates's email?"
    await said(running, "No.")
    assert assistant.briefing.current.sender == "Sarah Chen"
    assert (await said(running, "Next.")).startswith("From Robert Bob Smith:")


async def test_whole_questions_are_answered_not_met_with_go_on(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "What's Priya after?")).startswith("Priya Natarajan says:")
    assert await said(running, "When did the IT one come in?") == "It came on Monday, November 23 at 9:00 AM."
    heard = await said(running, "What am I meant to do about it?")
    assert (
        heard
        == "IT Service Desk says: Renew it from the self-service portal before then to avoid losing remote access."
    )
    heard = await said(running, "That VPN one from IT, what's it say")  # ends on its verb, and is whole
    assert heard.startswith(("From IT Service Desk:", "IT Service Desk says: Your VPN certificate")), heard
    heard = await said(running, "Give me the gist of Bob's.")
    assert heard == (
        "Robert Bob Smith says: QA found a flaky login test last night. Are we still shipping the release on "
        "Thursday, or should I tell the customer success team to expect Monday?"
    ), heard
    assert await said(running, "Who's he going to tell?") != "Go on."
    assert (await said(running, "Open the email from Bob, no, sorry, the Priya one.")).startswith(
        "From Priya Natarajan:"
    )


async def test_asked_to_be_told_a_sender_left_out_by_name_and_a_send_said_with_lead_ins(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    assert await said(running, "Okay, well, can you at least tell me the date?") != "Here's your reply"  # never a reply
    assert smtp_server.messages == []
    assert (
        await said(running, "Skip the VendorX mob for now.") == "Okay, I'll leave out VendorX Updates's emails for now."
    )
    await said(running, "Tell her 10:40 works.")
    assert await said(running, "Oh, right, send it then.") == "Sent to Priya Natarajan."
    assert (await said(running, "So what's gone today?")).startswith("Today you sent a reply to priya")


async def test_an_email_named_by_what_it_is_about_is_the_one_replied_to_and_asked_about(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Reply to the budget thing.") == "What would you like to say to Sarah Chen?"
    assert (await said(running, "Tell her the numbers come Monday.")).startswith("Here's your reply to Sarah Chen:")
    due = await said(running, "What's the deadline on the budget thing?")
    assert due.startswith("Sarah Chen says: ") and "Friday noon" in due, due
    assert (await said(running, "When'd that come in?")).startswith("It came on Tuesday, November 24")  # hers


async def test_replies_and_questions_about_an_email_named_by_its_topic(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Um, the VPN thing, can I reply to that?")).startswith(
        "What would you like to say to IT Service Desk?"
    )
    assert (await said(running, "Thanks, I'll renew it tonight.")).startswith("Here's your reply to IT Service Desk:")
    notes = await said(running, "What were the standup notes from Monday about?")  # Bob's says "Monday" too
    assert notes.startswith("Sarah Chen's email, Standup notes, Monday, says:") and "migration" in notes, notes
    assert (await said(running, "Read me the email from Sarah.")).startswith("From Sarah Chen:")
    # another email open: the one named by its topic is the one replied to (a spoken check drafted to Sarah)
    assert (await said(running, "The VPN thing, can I reply to that?")).startswith(
        "What would you like to say to IT Service Desk?"
    )


async def test_a_look_at_another_email_and_back_to_where_we_were(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Start.")).startswith("From Sarah Chen:")
    assert (await said(running, "Wait, before that, is there anything from Priya?")).startswith("From Priya Natarajan:")
    assert (await said(running, "OK, go back to where we were.")).startswith("Back to Sarah Chen's email:")
    assert (await said(running, "Uh huh.")).startswith("From Robert Bob Smith:")  # heard to its end: go on


async def test_calendar_and_meetings_are_declined_without_moving(session):  # noqa: F811
    running, assistant = session
    cannot = "I can't use your calendar or set reminders."
    assert (await said(running, "Add the offsite to my calendar.")).startswith(cannot)
    assert assistant.briefing.current.sender == "Priya Natarajan"  # named: "flag it" flags it
    assert (await said(running, "And set up a meeting with Bob tomorrow.")).startswith(cannot)
    assert assistant.briefing.current.sender == "Priya Natarajan"  # not Bob's email shown instead
    # a reminder about it is declined, never swapped for a flag unasked (a spoken check heard "Flagged.")
    assert (await said(running, "Can you remind me about it tonight?")).startswith(cannot)
    assert assistant.pending is None


async def test_a_sender_pointed_at_is_muted_and_sending_idioms_send(session, smtp_server):  # noqa: F811
    running, _ = session
    assert (await said(running, "Skip ahead to the newsletter.")).startswith("From VendorX Updates:")
    assert await said(running, "Mute these guys.") == "Mute news@vendorx.example?"
    assert await said(running, "No.") == "Okay."
    assert await said(running, "Reply to Bob.") == "What would you like to say to Robert Bob Smith?"
    assert (await said(running, "Tell him Thursday.")).startswith("Here's your reply to Robert Bob Smith: Thursday.")
    assert await said(running, "K, fire it off.") == "Sent to Robert Bob Smith."
    assert len(smtp_server.messages) == 1


async def test_a_yes_to_which_one_is_asked_again_never_taken_as_the_first(session):  # noqa: F811
    running, assistant = session
    which = await said(running, "The ex newsletter, delete it.")  # "ex": anyone at ".example"
    assert which.endswith("IT Service Desk or VendorX Updates?"), which
    assert (await said(running, "Yeah.")).startswith("Which one? Sarah Chen,")
    assert assistant.briefing.current is None  # not Sarah's email, for the "it" of what comes next
    assert await said(running, "The VendorX one.") == "Did you want me to move VendorX Updates's email to Trash?"


async def test_which_email_said_when_asked_for_the_words_is_not_the_words(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Reply to Sarah.") == "What would you like to say to Sarah Chen?"
    assert await said(running, "The budget one.") == (
        "Your reply to Sarah Chen's Q3 budget numbers needed by Friday. What would you like to say?"
    )
    heard = await said(running, "Got it, Friday noon works.")
    assert heard.startswith("Here's your reply to Sarah Chen: Got it, Friday noon works."), heard


async def test_an_offer_declined_by_another_request_is_gone_and_yes_goes_on_only_after_an_email(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "Start.")).startswith("From Sarah Chen:")
    assert (await said(running, "Remind me tomorrow about this.")).startswith("I can't use your calendar")
    assert (await said(running, "Yes.")).startswith("From Sarah Chen:")  # read again, not skipped
    assert assistant.briefing.current.sender == "Sarah Chen"
    assert (await said(running, "Any deadlines this week?")).startswith("Sarah Chen's is due Friday")  # all of them
    told = await said(running, "Tell the customer success team we ship Monday.")
    assert not told.startswith("Here's your reply to Robert Bob Smith"), told  # a name no sender has


async def test_a_kind_of_mail_said_with_the_verb_names_its_email_before_the_briefing(session, demo_copy):  # noqa: F811
    running, _ = session
    # "newsletter bin" names the newsletter's sender, "bin" no one: asked about, nothing moved
    asked = await said(running, "Newsletter, bin it.")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?", asked
    assert await folder_subjects(demo_copy, "trash") == []


async def test_what_day_or_time_is_answered_from_the_sentence_that_says_it(session):  # noqa: F811
    running, _ = session
    await said(running, "Jump to the one about the offsite.")
    # the sentence sharing the question's words ("put you down for") says the day; the time is asked
    assert (
        await said(running, "And what time's she put me down for?") == "Priya Natarajan says: Does 10:40 work for you?"
    )
    assert "December 3rd" in await said(running, "What day is it?")


async def test_a_reminder_declined_for_a_named_email_leaves_that_email_to_flag(session):  # noqa: F811
    running, assistant = session
    declined = await said(running, "Remind me at five to renew the VPN thing.")
    assert (
        declined
        == "I can't use your calendar or set reminders. I can flag IT Service Desk's email for you: say flag it."
    )
    assert await said(running, "Go on, pin it then.") == "Flagged."
    assert assistant.briefing.current.sender == "IT Service Desk"
    asked = await said(running, "Is it flagged?")  # answered from the server
    assert asked.startswith("Yes"), asked


async def test_a_sigh_a_time_clause_or_a_misheard_name_still_finds_the_email(session, demo_copy):  # noqa: F811
    running, _ = session
    # "before you start" is no place in the briefing; "chuck" asks, by its sender, first
    assert await said(running, "Before you start, chuck the email from Sarah.") == (
        "Did you want me to move Sarah Chen's email to Trash?"
    )
    await said(running, "No.")
    heard = await said(running, "Give me the whole vendor ex one word for word.")
    assert heard.startswith("Here's VendorX Updates's email in full."), heard
    # a sigh is no sender's name; "I don't need that one" moves nothing (at most it moves on)
    done = await said(running, "Ugh vendor x again, I don't need that one.")
    assert "ugh" not in done.lower(), done
    assert await folder_subjects(demo_copy, "archive") == []
    assert await folder_subjects(demo_copy, "trash") == []


async def test_dictation_cut_by_a_pause_and_then_called_off_writes_nothing(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Let's get back to Priya.") == "What would you like to say to Priya Natarajan?"
    assert await said(running, "Say, uh, ten forty's fine, and uh") == "Go on."
    assert await said(running, "Nah, actually scrap that, I need to check with my manager first.") == "Okay."
    assert await folder_subjects(demo_copy, "drafts") == []
    assert await said(running, "Leave it as unread for later.") == "Marked unread."


async def test_thanks_is_welcomed_and_an_acknowledgement_before_a_question_is_no_no(session):  # noqa: F811
    running, _ = session
    await said(running, "Call Priya for me.")
    answer = await said(running, "Ok no bother, what did she want anyway?")
    assert answer == (
        "Priya Natarajan says: I put you down for a 20-minute slot on reliability at the offsite on December 3rd. "
        "Does 10:40 work for you?"
    ), answer
    assert await said(running, "Cheers.") == "You're welcome."
    # asked what to say, "thanks" is the reply's words
    await said(running, "Reply to her.")
    assert (await said(running, "Thanks.")).startswith("Here's your reply to Priya Natarajan: Thanks.")


async def test_a_sender_misheard_in_two_words_is_found_by_both(session):  # noqa: F811
    running, _ = session
    # "vender x" is VendorX, though "x" alone would fit anyone at ".example"
    assert await said(running, "The vender x newsletter, delete it.") == (
        "Did you want me to move VendorX Updates's email to Trash?"
    )


async def test_whose_mail_is_answered_by_a_name_and_him_then_means_that_sender(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Ugh, shut him up.") == "Whose mail? Say the sender's name."
    assert await said(running, "Bob, he's flooding me.") == "Mute bob.smith@northwind.example?"
    assert (await said(running, "Yes.")).startswith("Okay, I'll skip mail from bob.smith@northwind.example.")
    assert await said(running, "Hmm, no, let him back in.") == "Unmute bob.smith@northwind.example?"
    assert (await said(running, "Yes.")).startswith("Okay, I'll tell you about mail from bob.smith@northwind.example")


async def test_back_to_the_briefing_after_a_question_about_mail_read_before_the_call(session):  # noqa: F811
    running, assistant = session
    assert (await said(running, "Yep, let's hear 'em.")).startswith("From Sarah Chen: Q3 budget numbers")
    heard = await said(running, "And the standup notes, what'd they say about on-call?")
    assert "on-call handover moves to Tuesdays" in heard, heard
    assert (
        await said(running, "Cool, back to my briefing.")
        == "Back to your briefing, at Sarah Chen's email. Say next to go on."
    )
    assert "Standup notes, Monday" not in [item.subject for item in assistant.briefing.items]
    assert (await said(running, "Next.")).startswith("From Robert Bob Smith:")


async def test_an_answer_naming_only_an_email_moves_the_question_to_it(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Before you start, chuck the email from Sarah.") == (
        "Did you want me to move Sarah Chen's email to Trash?"
    )
    # read before the call: named by its subject too, as Sarah has two here now
    assert await said(running, "The standup notes, not the budget.") == (
        "Did you want me to move Sarah Chen's email, Standup notes, Monday, to Trash?"
    )
    assert (await said(running, "Yes.")).startswith("Moved to Trash.")
    assert await folder_subjects(demo_copy, "trash") == ["Standup notes, Monday"]
    assert (await said(running, "Honestly, just delete all of it.")).startswith("I do that one email at a time")
    assert (
        await said(running, "No no, only the newsletter.")
        == "Did you want me to move VendorX Updates's email to Trash?"
    )


async def test_a_declined_text_is_written_as_an_email_when_asked_same_thing(session, smtp_server):  # noqa: F811
    running, _ = session
    assert (await said(running, "Can you text Bob I'm running late?")).startswith("I can't make calls or send texts")
    assert (await said(running, "Okay whatever, email him then, same thing.")).startswith(
        "Here's your reply to Robert Bob Smith: I'm running late."
    )
    assert smtp_server.messages == []


async def test_a_text_to_him_after_a_call_declined_is_declined_for_the_same_person(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Call Bob.")
    assert (await said(running, "Fine, text him then, tell him Thursday's off.")).startswith(
        "I can't make calls or send texts, only email. To write to Robert Bob Smith"
    )
    assert (await said(running, "Ugh. Email him then, same thing.")).startswith(
        "Here's your reply to Robert Bob Smith: Thursday's off."
    )
    assert smtp_server.messages == []


async def test_requests_with_thinking_sounds_thanks_and_a_reason_are_done_as_asked(session, demo_copy):  # noqa: F811
    running, _ = session
    found = await said(running, "Search my mail for, um, the migration.")
    assert found.startswith("From Sarah Chen: Standup notes, Monday."), found
    assert await said(running, "Try anything from, uh, Hendricks.") == "I don't see any email from hendricks."
    await said(running, "Read me the one from IT.")
    assert await said(running, "Okay, please flag it, I will do it from laptop only.") == "Flagged."
    await said(running, "Go to the newsletter.")
    assert (await said(running, "Bin it, cheers.")).startswith("Moved to Trash.")
    assert await folder_subjects(demo_copy, "trash") == ["This week at VendorX: 5 new dashboard features"]
    assert await said(running, "Brilliant, ta.") == "You're welcome."
    assert await said(running, "Mute the IT desk.") == "Mute servicedesk@northwind.example?"
    assert await said(running, "Yeah never mind then, don't.") == "Okay."
    assert await said(running, "Have I muted anybody?") == "You haven't muted anyone."


async def test_a_finished_sentence_ending_on_a_preposition_is_answered_not_waited_on(session):  # noqa: F811
    running, _ = session
    await said(running, "Let's go through them.")
    await said(running, "Next.")
    await said(running, "Next.")
    back = await said(running, "Oh, could we go back to the second one? I didn't quite catch who it was from.")
    assert back.startswith("From Robert Bob Smith:"), back
    gist = await said(running, "The IT one, what exactly they are saying?")
    assert gist.startswith("IT Service Desk says: Your VPN certificate expires on December 1st."), gist


async def test_an_action_asked_which_email_is_answered_by_the_last_sentence(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Just delete it.") == "Which email? Say next to start."
    asked = await said(running, "The IT one, no, wait, not that, I need that. The newsletter.")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?"
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_forward_to_someone_unknown_takes_their_address_and_a_note_said_after(session, smtp_server):  # noqa: F811
    running, _ = session
    asked = await said(running, "Kindly forward Sarah's budget mail to Dana from finance.")
    assert asked == "I don't know anyone called dana in your mail. Say their full name or email address."
    heard = await said(running, "It is dana dot ruiz at northwind dot example.")
    assert heard.startswith(
        "Here's your forward of Sarah Chen's email, Q3 budget numbers needed by Friday, to dana.ruiz@northwind.example"
    ), heard
    heard = await said(running, "And put a note: can you pull the cloud spend figures for this.")
    assert "with your note: Can you pull the cloud spend figures for this?" in heard, heard
    assert smtp_server.messages == []
    assert await said(running, "Yes, send it.") == "Sent to dana.ruiz@northwind.example."


async def test_work_outside_email_is_declined_and_what_was_missed_is_the_briefing(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "So what did I miss this morning?")).startswith("From Sarah Chen:")
    assert (await said(running, "Was I the only one on Bob's email?")) == "It went to Alex Morgan and Platform Team."
    await said(running, "Read me the one from IT.")
    assert (await said(running, "Can you renew that VPN certificate for me?")).startswith("I can't do that for you")
    assert (await said(running, "Ugh. Can you at least open the portal link?")).startswith("I can't open links")
    assert await said(running, "Stick it in my Offsite folder.") == (
        "I don't see a folder called offsite. You have no folders of your own."
    )
    assert await said(running, "Oh, is there no such folder? Fine, just leave it in the inbox then.") == "Okay."


async def test_an_action_after_a_guessed_move_never_acts_on_an_email_not_heard(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "The newsletter, I don't want more of this. Block it") == "Mute news@vendorx.example?"
    await said(running, "Sí, yes, do it")
    # "this one" is the newsletter just muted, never "go on to Sarah's and delete that"
    asked = await said(running, "And this one also delete it")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?", asked
    assert await folder_subjects(demo_copy, "trash") == []


async def test_words_taken_back_are_not_added_and_a_note_said_bare_is_the_forwards(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Priya saying 10:40 works for me.")
    heard = await said(running, "Actually add that I might need 25 minutes, no wait, scratch that, leave it at twenty.")
    assert heard == "Okay, I haven't added that. Here's your reply to Priya Natarajan: 10:40 works for me. " + (
        "It's saved in your drafts. Shall I send it?"
    ), heard
    await said(running, "Cancel.")
    await said(running, "Forward Sarah's budget email to finance.")
    heard = await said(running, "finance at northwind dot example.")
    assert "to finance@northwind.example, with no note." in heard, heard
    heard = await said(running, "Note: Alex delivers Thursday. Send.")  # read back first, not sent
    assert "with your note: Alex delivers Thursday. It's saved in your drafts." in heard, heard
    assert (await said(running, "Put Friday noon on my calendar.")).startswith("I can't use your calendar")
    assert smtp_server.messages == []


async def test_how_many_are_left_counts_those_passed_over(session):  # noqa: F811
    running, _ = session
    await said(running, "Let's go through them.")
    await said(running, "Go to the newsletter.")
    # Sarah's heard; the newsletter is the last, but Bob's, Priya's and IT's are not heard yet
    assert await said(running, "Cool, so how many did that leave me?") == "3 you haven't heard yet."


async def test_a_reply_all_said_apart_from_its_words_and_a_search_by_what_to_find(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Find the standup notes.")).startswith("From Sarah Chen: Standup notes, Monday.")
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Reply all. Ship Thursday. Flaky test is not a blocker.")
    assert heard.startswith("Here's your reply to Robert Bob Smith, Platform Team: Ship Thursday."), heard


async def test_an_email_named_bare_before_it_is_the_one_acted_on(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Yeah, morning, what have we got?")  # Sarah's is open
    asked = await said(running, "The newsletter, can you just get rid of it?")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?", asked
    assert await folder_subjects(demo_copy, "trash") == []


async def test_words_dictated_after_a_question_about_replying_never_choose_the_recipient(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "Bob asks something, I must answer to all the team.")).startswith(
        "Did you want to reply to bob"
    )
    # "the test" inside the words once named VendorX's newsletter as the recipient
    heard = await said(running, "Say them on Thursday we ship, the test is fixed.")
    assert heard.startswith("Here's your reply to Robert Bob Smith:"), heard


async def test_what_holds_back_or_refuses_is_never_taken_as_the_go_ahead(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    await said(running, "Tell him we're still on for Thursday.")
    for holding_back in ("Yeah, don't do it.", "Ok wait, don't do it.", "Yeah hold on, don't go ahead."):
        assert not (await said(running, holding_back)).startswith("Sent"), holding_back
    assert smtp_server.messages == []
    await said(running, "Read me the email from Sarah.")
    assert await said(running, "Get rid of it.") == "Did you want me to move Sarah Chen's email to Trash?"
    await said(running, "No, that's important.")  # names no email: a no, not "delete that's important"
    assert await folder_subjects(demo_copy, "trash") == []


async def test_dictated_words_keep_what_looks_like_an_address_a_remark_or_everyone(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Tell him the notes are at wiki dot northwind dot example.")
    assert "@" not in heard and "wiki dot northwind dot example" in heard.lower(), heard
    await said(running, "Cancel.")
    heard = await said(running, "Let him know everyone is in.")
    assert "Everyone is in." in heard, heard
    await said(running, "Cancel.")
    heard = await said(running, "Tell him I'll answer everyone by Friday.")
    assert "reply to everyone" not in heard and "Platform Team" not in heard, heard
    await said(running, "Cancel.")
    assert await said(running, "Reply to Priya.") == "What would you like to say to Priya Natarajan?"
    heard = await said(running, "No worries, I'll be there at 10:40.")
    assert heard.startswith("Here's your reply to Priya Natarajan: No worries, I'll be there at 10:40."), heard


async def test_an_action_on_a_name_sharing_a_word_with_a_sender_is_asked_first(session, demo_copy):  # noqa: F811
    running, _ = session
    asked = await said(running, "Archive Priya Patel's email.")
    assert not asked.startswith("Archived"), asked
    assert await folder_subjects(demo_copy, "archive") == []


async def test_a_question_about_the_whole_inbox_starts_the_briefing(session):  # noqa: F811
    running, assistant = session
    first = assistant.briefing.items[0]
    # spoken through livekit-server, this was answered "Which email? Say next to start."; the
    # rundown asked for is each email's sender and subject, the first one first
    rundown = await said(running, "Okay, what's sitting in my inbox? Just give me the quick rundown.")
    assert rundown.startswith(f"Five emails. {first.sender}: {first.subject}"), rundown


async def test_words_about_the_addressee_are_written_to_them_and_a_draft_held_or_changed_loosely(
    session,  # noqa: F811
    smtp_server,
):
    running, _ = session
    await said(running, "Go to Sarah's email.")
    assert (await said(running, "Tell her, uh, she'll have it Thursday afternoon.")).startswith(
        "Here's your reply to Sarah Chen: You'll have it Thursday afternoon."
    )
    held = await said(running, "Uh, no, not yet, hang on to it, I wanna check with QA first.")
    assert held == "Okay, I won't send it. Your reply stays in your drafts; say send it when you're ready."
    assert (await said(running, "Oh no, make that Friday not Thursday.")).startswith(
        "Here's your reply to Sarah Chen: You'll have it Friday afternoon."
    )
    added = await said(
        running, "Hmm, before you send that, stick something in like, the cloud number's a rough estimate."
    )
    assert "You'll have it Friday afternoon. The cloud number's a rough estimate." in added, added
    # a hedge is no yes: the draft's two ways, never a send
    hedged = await said(running, "Yeah I guess, I mean... I dunno, maybe?")
    assert hedged == "To send your reply, say send it. Or say cancel to leave it in your drafts."
    assert smtp_server.messages == []
    assert await said(running, "Yep, send it mate.") == "Sent to Sarah Chen."
    assert len(smtp_server.messages) == 1


async def test_one_verb_for_two_named_emails_with_a_reason_is_asked_once_and_done_on_both(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    asked = await said(running, "Flag Bob's and Sarah's, I need to deal with those tonight.")
    assert asked == "Did you want me to flag Robert Bob Smith's and Sarah Chen's emails?"
    done = await said(running, "Yes.")
    assert done == "Flagged Robert Bob Smith's and Sarah Chen's emails."

    assert await flagged_subjects(demo_copy) == [
        "Subject: Is the release still on for Thursday?",
        "Subject: Q3 budget numbers needed by Friday",
    ]
    # one action: "undo" takes the flag off both
    assert await said(running, "Undo that.") == "Undone: they're no longer flagged."
    assert await flagged_subjects(demo_copy) == []
    # "just" one of them is no yes for both
    await said(running, "Archive Bob's and Sarah's.")
    assert await said(running, "Just Bob's.") != "Archived Robert Bob Smith's and Sarah Chen's emails."
    assert await folder_subjects(demo_copy, "archive") == []


async def test_where_questions_are_answered_from_the_email_or_said_to_be_unanswered(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    held = await said(running, "And where's it being held, do I have to drive somewhere for it?")
    assert held == "Priya Natarajan's email doesn't say where."
    lunch = await said(running, "Where was Jamie wanting to go for lunch, was it the ramen place or...?")
    assert lunch == "Jamie Lee says: The new ramen place opened across the street."


async def test_a_search_names_what_the_mail_has_when_no_email_has_every_word(session):  # noqa: F811
    running, _ = session
    found = await said(running, "Anything from Bob about the release date?")
    assert found.startswith("Nothing mentions date; the closest is about release. From Robert Bob Smith:"), found
    handover = await said(
        running, "Is there anything in my mail about the on-call handover? When's that again, Tuesdays?"
    )
    assert handover.startswith("From Sarah Chen: Standup notes, Monday."), handover
    # "offsite" as Whisper heard it through livekit-server once: asked about, never searched in its place
    misheard = await said(running, "Anything about the website?")
    assert misheard == "I don't see any email about website. Did you mean the one about offsite?"
    assert (await said(running, "Yes.")).startswith("From Priya Natarajan: Offsite agenda")


async def test_a_reply_to_everyone_on_it_a_question_trailing_off_and_a_regret_said_with_a_reason(
    session,  # noqa: F811
    demo_copy,
):
    running, _ = session
    await said(running, "Go to Bob's email.")
    everyone = await said(
        running, "Reply to everyone on that, the whole platform lot, just say we're holding Thursday."
    )
    assert everyone.startswith("Here's your reply to Robert Bob Smith, Platform Team: We're holding Thursday.")
    await said(running, "Cancel it.")
    await said(running, "Go to Sarah's email.")
    wanted = await said(running, "And what does she actually want in it, like is it just the totals or")
    assert wanted.startswith("Sarah Chen says: "), wanted
    assert (await said(running, "Can you just, like, renew it for me? The cert thing.")).startswith(
        "I can't do that for you"
    )
    await said(running, "Go to the VendorX email.")
    assert await said(running, "Bin it.") == "Moved to Trash. Say undo to bring it back."
    back = await said(running, "Ah damn, actually bring it back, there was a discount code in there I think.")
    assert back.startswith("Undone"), back
    assert await folder_subjects(demo_copy, "trash") == []


async def test_her_said_of_a_desk_asks_who_and_a_place_asked_of_another_email_is_answered_from_it(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the IT email.")
    asked = await said(running, "Tell her she'll have it Thursday afternoon.")
    assert asked == "Who should I reply to? This email is from IT Service Desk. Say who it's for."
    assert (await said(running, "Sarah.")).startswith(
        "Here's your reply to Sarah Chen: You'll have it Thursday afternoon."
    )
    await said(running, "Cancel it.")
    await said(running, "Go to Bob's email.")
    where = await said(running, "Where's the offsite being held?")
    assert where == "Priya Natarajan's email, Offsite agenda - your slot, doesn't say where."


async def test_a_place_asked_after_a_lead_in_a_count_after_a_jump_and_a_person_not_named(session):  # noqa: F811
    running, _ = session
    lunch = await said(
        running, "Actually before all that, where was Jamie wanting to go for lunch, was it the ramen place or...?"
    )
    assert lunch == "Jamie Lee says: The new ramen place opened across the street."
    await said(running, "Go to Priya's email.")
    # Priya's is third: two after it, and Sarah's and Bob's passed over (Jamie's, looked up, is behind)
    assert await said(running, "How many more of these are there?") == "2 after this one, and 2 you skipped."
    asked = await said(running, "Send this to, um, the guy from facilities, Marcus or Mark or something.")
    assert "guy" not in asked, asked


async def test_a_draft_held_onto_is_kept_and_nothing_else_asked(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    # the pronoun said twice, as Whisper heard "tell her, er, she'll ..." through livekit-server
    drafted = await said(running, "Right, tell her, her. She'll get them Thursday first thing.")
    assert drafted.startswith("Here's your reply to Sarah Chen: You'll get them Thursday first thing."), drafted
    # as Whisper heard it there, guessed as "unmute": the draft kept, no rule asked about
    kept = await said(running, "Hold onto that for now. I want a double check.")
    assert kept == "Okay, I won't send it. It stays in your drafts.", kept
    assert smtp_server.messages == []


async def test_why_where_and_a_question_after_a_lead_in_are_answered_from_the_email(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    assert await said(running, "How come she needs them so early?") == "Sarah Chen says: Finance moved the deadline up."
    await said(running, "Go to Priya's email.")
    assert await said(running, "Where exactly is it, is it downtown?") == "Priya Natarajan's email doesn't say where."
    # a question after a clause of its own, ending on "about": answered, never "Go on."
    await said(running, "Go to Bob's email.")
    answer = await said(running, "ok and if it slips what's the other day he's going on about")
    assert answer.startswith("Robert Bob Smith says:") and "Monday" in answer


async def test_what_was_just_done_is_said_and_an_action_with_no_email_open_asks_which(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "Just bin that one.") == "Which email? Say who it's from, or next to start."
    assert await folder_subjects(demo_copy, "trash") == []
    await said(running, "Go to the IT email.")
    assert await said(running, "Archive.") == "Archived."
    assert await said(running, "Hang on, what'd you just do?") == (
        "You just archived 'Your VPN certificate expires in 7 days'."
    )


async def test_a_mute_asked_about_and_called_off_with_unmute_makes_no_rule(session):  # noqa: F811
    running, _ = session
    # a whole command before an aside: nothing open, so whose is asked
    assert (
        await said(running, "Mute him, you know, the guy who keeps pinging me.") == "Whose mail? Say the sender's name."
    )
    await said(running, "Go to the VendorX email.")
    assert await said(running, "Mute them.") == "Mute news@vendorx.example?"
    assert await said(running, "Oh actually no, unmute them.") == "Okay, I won't mute news@vendorx.example."
    assert await said(running, "What have I got muted?") == "You haven't muted anyone."
    assert await said(running, "Unmute them.") == "You haven't muted anyone."


async def test_a_folder_named_with_more_words_after_it_is_that_folder(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    assert await said(running, "Put it in the receipts folder or something, the money stuff.") == (
        "I don't see a folder called receipts. You have no folders of your own."
    )


async def test_a_no_before_moving_on_moves_on(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    assert (await said(running, "Nah nah, skip, not bothered.")).startswith("From Robert Bob Smith:")
    assert (await said(running, "Nope, go back.")).startswith("From Sarah Chen:")
    # Whisper's "now" for "nah", and a "not" after: the move on said first still counts
    assert (await said(running, "Okay, now skip that. Not interested.")).startswith("From Robert Bob Smith:")


async def test_asked_whether_the_rest_matter_the_important_ones_left_are_named(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    answer = await said(running, "Do any of the others actually matter, or can they wait till I'm in?")
    assert answer.startswith("Of the 4 left, one looks important. Sarah Chen's, Q3 budget"), answer  # not heard yet
    await said(running, "Go to Sarah's email.")
    # Priya's asks a question: nothing urgent, but not nothing to do
    answer = await said(running, "Anything else left that matters?")
    assert answer == "Nothing left looks urgent, but Priya Natarajan's asks something of you.", answer


async def test_a_question_naming_someone_read_before_the_call_is_answered_from_their_email(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")  # another email open: never answered from hers
    answer = await said(running, "Didn't Jamie mention lunch? What day was that?")
    assert answer == "Jamie Lee says: Want to grab lunch Wednesday?"


async def test_the_rest_asked_about_in_misheard_words_is_still_the_rest(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    # Whisper's "and eat of" for "any of"; no "anything" to open it
    answer = await said(running, "And eat of the others important, or can they wait?")
    assert answer.startswith("Of the 4 left, one looks important. Sarah Chen's"), answer
    assert not (await said(running, "Is the rest of it important?")).startswith("Of the")  # this email's rest


async def test_a_question_said_to_be_about_another_email_is_answered_from_that_one(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    answer = await said(running, "Random question, when's the handover, I think it was in the standup notes")
    assert answer.startswith("Sarah Chen's email, Standup notes, Monday, says:") and "Tuesdays" in answer, answer


async def test_a_reply_to_everyone_said_with_who_they_are_keeps_only_the_words(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Reply to everyone on that, the whole platform lot, we're still on for Thursday.")
    assert heard.startswith("Here's your reply to Robert Bob Smith, Platform Team: We're still on for Thursday."), heard


async def test_a_department_in_capitals_is_its_sender_but_dictated_words_keep_it(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Sarah's email.")
    heard = await said(running, "Hang on, there was something from IT about a certificate? Open that.")
    assert heard.startswith("From IT Service Desk:"), heard
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Tell him IT says the login box is fixed.")
    assert heard.startswith("Here's your reply to Robert Bob Smith: IT says the login box is fixed."), heard


async def test_past_the_end_after_a_jump_the_emails_passed_over_are_offered(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")  # the last one, straight away
    heard = await said(running, "Nah, skip it.")
    assert heard == "That was the last one, but you haven't heard 4 yet. Shall I go to Sarah Chen's?"
    assert (await said(running, "Yeah go on.")).startswith("From Sarah Chen:")


async def test_asked_whether_an_email_is_worth_it_the_agent_says_what_it_is_about(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to the VendorX email.")
    heard = await said(running, "Is there anything useful in this, or is it just marketing?")
    assert heard.startswith("VendorX Updates says:") and "dark mode" in heard, heard


async def test_a_go_ahead_that_names_whom_it_goes_to_sends_it_and_another_name_does_not(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Pass this along to Priya.")
    assert heard.startswith("Here's your forward of Robert Bob Smith's email"), heard
    assert not (await said(running, "Yeah, Sarah, go ahead.")).startswith("Sent")  # not who it goes to
    assert smtp_server.messages == []
    await said(running, "Read it back to me.")
    assert await said(running, "Yep, Priya Natarajan, do it.") == "Sent to Priya Natarajan."
    assert len(smtp_server.messages) == 1


async def test_what_the_review_found_an_unsure_action_the_words_of_a_reply_all_and_a_partial_go_ahead(
    session,  # noqa: F811
    demo_copy,
    smtp_server,
):
    running, _ = session
    await said(running, "Go to Priya's email.")
    # the words after the comma name another email: never the open one archived on the first clause
    assert await said(running, "Archive it, you know, where Bob was asking about Thursday.") != "Archived."
    assert await folder_subjects(demo_copy, "archive") == []
    # a reply to all whose own words begin "in that case": kept as said
    await said(running, "Go to Bob's email.")
    heard = await said(running, "Reply all saying in that case, we'll push to Monday.")
    assert "In that case, we'll push to Monday." in heard, heard
    await said(running, "Cancel.")
    # "Does Bob need anything else, or can it wait?" asks of his email, not of the rest
    assert not (await said(running, "Does he need anything else, or can it wait?")).startswith("Of the")
    # a forward to two: one name and a go-ahead is no yes to both
    heard = await said(running, "Forward this to Jamie and Priya.")
    assert heard.startswith("Here's your forward"), heard
    assert not (await said(running, "Jamie, go ahead.")).startswith("Sent")
    assert smtp_server.messages == []


async def test_a_kind_of_mail_is_left_out_for_now_and_nothing_else_changes(session, demo_copy):  # noqa: F811
    running, assistant = session
    first = await said(running, "Yeah, but just the people ones, the promo junk can wait.")
    assert first.startswith(
        "Okay, I'll leave out two emails for now. From Sarah Chen"
    )  # the newsletter, the service desk
    heard = [await said(running, "Next.") for _ in range(len(assistant.briefing.items))]
    assert not any("VendorX" in answer for answer in heard), heard
    assert "last one" in heard[-1]
    # the newsletter is only out of the briefing: still unread in the inbox, and no rule made
    assert "VendorX" in " ".join(await inbox_subjects(demo_copy, "UNSEEN"))
    assert not await (await rules_for(assistant.account, assistant.state_dir / "rules.json")).list()


async def test_only_what_looks_important_is_kept_and_the_one_open_stays(session):  # noqa: F811
    running, assistant = session
    await said(running, "Go to Sarah's email.")
    answer = await said(running, "From here on, only the important ones.")
    assert re.fullmatch(r"Okay, I'll leave out \w+ emails for now\.", answer), answer
    assert assistant.briefing.current is not None and assistant.briefing.current.sender == "Sarah Chen"
    assert all(Briefing.keeps(item, "important") for item in assistant.briefing.items)
