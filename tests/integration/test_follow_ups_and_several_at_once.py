"""Follow-up questions asked of one email, several requests said in one breath, a sender rule or
an email put right, and new emails with someone copied in: typed through a real AgentSession over
the demo mailbox in Dovecot, with the test SMTP server. The LLM writes nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

from email import message_from_bytes

from ..helpers import flagged_subjects, folder_subjects, inbox_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)

BUDGET = "Q3 budget numbers needed by Friday"
RELEASE = "Is the release still on for Thursday?"
OFFSITE = "Offsite agenda - your slot"
VPN = "Your VPN certificate expires in 7 days"
NEWSLETTER = "This week at VendorX: 5 new dashboard features"


async def test_a_follow_up_is_answered_by_another_sentence_than_the_one_just_said(session):  # noqa: F811
    running, _ = session
    due = await said(running, "that budget thing from Sarah, when's it due?")
    assert due == "Sarah Chen says: Can you send me the final Q3 budget numbers for the platform team by Friday noon?"
    answer = await said(running, "and what does she actually want in it")
    assert answer == "Sarah Chen says: I need the headcount line and the cloud spend split out.", answer


async def test_a_time_asked_of_an_email_that_gives_none_is_said_to_be_missing(session):  # noqa: F811
    running, _ = session
    await said(running, "did Jamie ever mail me about lunch?")
    assert (await said(running, "which day was that")) == "Jamie Lee says: Want to grab lunch Wednesday?"
    assert await said(running, "what time though?") == "Jamie Lee's email doesn't give a time."


async def test_one_part_of_a_list_is_the_answer_and_a_thing_it_names_is_asked_not_counted(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "what did Monday's standup notes say about the retro?")
    assert answer == "Sarah Chen's email, Standup notes, Monday, says: Retro is Friday.", answer
    # "how far along" alone asks how many are left; with the notes' own word it asks of them
    assert await said(running, "and the migration, how far along are we") == "Sarah Chen says: Migration is 80% done."


async def test_what_is_left_names_the_senders_and_leaves_out_one_muted(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "can you make the VendorX ones stop showing up")) == "Mute news@vendorx.example?"
    await said(running, "yeah go on")
    answer = await said(running, "right, what's left")
    assert answer == "Four left. From Sarah Chen, Robert Bob Smith, Priya Natarajan and IT Service Desk.", answer
    assert (await said(running, "how many are left")) == "4 you haven't heard yet."  # a count asked is a count


async def test_a_draft_ditched_with_dont_send_it_is_deleted_and_nothing_sent(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "can you answer the offsite one, tell her sounds good")
    assert await folder_subjects(demo_copy, "drafts") == [f"Re: {OFFSITE}"]
    assert await said(running, "nah, ditch that, don't send it") == "Okay, I've deleted that draft."
    assert await folder_subjects(demo_copy, "drafts") == []
    assert OFFSITE in " ".join(await inbox_subjects(demo_copy, "ALL"))  # her email itself stays
    assert smtp_server.messages == []


async def test_a_second_email_after_one_verb_takes_that_verb_and_the_rest_is_done_too(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "flag the budget one and Bob's release one, oh and mark the offsite one unread again")
    assert answer == (
        "Flagged Sarah Chen's email. Flagged Robert Bob Smith's email. Marked Priya Natarajan's email unread."
    ), answer
    assert await flagged_subjects(demo_copy) == [f"Subject: {RELEASE}", f"Subject: {BUDGET}"]
    listed = await said(running, "so what've I got flagged now?")
    assert listed.startswith("I found 2 flagged emails: Robert Bob Smith's"), listed


async def test_a_move_to_trash_said_first_is_asked_after_the_rest_is_done(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "bin the vendor newsletter and archive the VPN one while you're at it")
    assert answer == "Archived IT Service Desk's email. Did you want me to move VendorX Updates's email to Trash?"
    assert await folder_subjects(demo_copy, "archive") == [VPN]
    assert await folder_subjects(demo_copy, "trash") == []  # not before the yes
    assert await said(running, "yes") == "Moved to Trash. Say undo to bring it back."
    assert await folder_subjects(demo_copy, "trash") == [NEWSLETTER]


async def test_a_rule_asked_about_is_asked_again_for_the_sender_meant(session):  # noqa: F811
    running, _ = session
    assert await said(running, "mute Bob") == "Mute bob.smith@northwind.example?"
    assert (
        await said(running, "no no, not Bob — I meant the IT service desk ones")
        == "Mute servicedesk@northwind.example?"
    )
    assert (await said(running, "yes")).startswith("Okay, I'll skip mail from servicedesk@northwind.example.")


async def test_an_email_described_last_in_a_correction_is_the_one_meant(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "archive Sarah's email") == "Archived Sarah Chen's email."
    answer = await said(running, "no, not that one, the other Sarah one — the standup notes")
    assert answer == (
        "Undone: it's no longer archived. Did you want me to archive Sarah Chen's email, Standup notes, Monday?"
    ), answer
    assert await folder_subjects(demo_copy, "archive") == []
    assert await said(running, "yes") == "Archived."
    assert await folder_subjects(demo_copy, "archive") == ["Standup notes, Monday"]


async def test_words_stuck_on_the_end_are_added_and_read_it_out_reads_the_draft(session):  # noqa: F811
    running, _ = session
    await said(running, "reply to Sarah, tell her I'll have it by Friday morning")
    answer = await said(running, "and stick 'cheers' on the end")
    assert answer.startswith("Here's your reply to Sarah Chen: I'll have it by Friday morning. Cheers."), answer
    assert (await said(running, "read it out")) == answer


async def test_a_new_email_with_someone_copied_in_a_subject_and_a_body(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(
        running,
        "email kim dot park at northwind dot example, copy in Sarah, subject reliability talk,"
        " body can you look over my slides by Tuesday",
    )
    assert answer.startswith(
        "Here's your email to kim.park@northwind.example, Sarah Chen, about Reliability talk:"
        " Can you look over my slides by Tuesday?"
    ), answer
    assert await said(running, "send it") == "Sent to kim.park@northwind.example, Sarah Chen."
    sent = message_from_bytes(smtp_server.messages[0].data)
    assert sent["To"] == "kim.park@northwind.example" and "sarah.chen@northwind.example" in sent["Cc"]
    assert sent["Subject"] == "Reliability talk"


async def test_a_forward_to_an_address_set_apart_after_who_it_is(session, smtp_server):  # noqa: F811
    running, _ = session
    answer = await said(
        running, "forward the VPN email to my personal, alex dot morgan 84 at mailbox dot example, just say reminder"
    )
    assert answer.startswith(
        "Here's your forward of IT Service Desk's email, Your VPN certificate expires in 7 days,"
        " to alex.morgan84@mailbox.example, with your note: Reminder."
    ), answer
    assert smtp_server.messages == []  # outside the company: asked about once more before it goes


async def test_a_cc_is_only_what_is_said_before_the_words_and_an_address_said_is_kept(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(
        running, "email kim dot park at northwind dot example, subject review, body can you cc Sarah on the reply"
    )
    assert answer.startswith("Here's your email to kim.park@northwind.example, about Review: Can you cc Sarah"), answer
    await said(running, "scrap that")
    answer = await said(
        running, "email kim dot park at northwind dot example, cc sarah at gmail dot com, subject review, body hi"
    )
    assert answer.startswith("Here's your email to kim.park@northwind.example, sarah@gmail.com, about Review"), answer
    await said(running, "scrap that")
    answer = await said(running, "email kim dot park at northwind dot example, copy Sarah, subject review, body hi")
    assert answer.startswith("Here's your email to kim.park@northwind.example, Sarah Chen, about Review"), answer


async def test_a_time_asked_after_the_due_date_is_the_sentence_with_the_time(session):  # noqa: F811
    running, _ = session
    await said(running, "that budget thing from Sarah, when's it due?")
    answer = await said(running, "what time does she need it by?")
    assert answer.endswith("by Friday noon?"), answer  # the same sentence: it is the one that says the time


async def test_words_an_email_holds_only_some_of_are_still_a_count(session):  # noqa: F811
    running, _ = session
    await said(running, "go to Bob's email")
    answer = await said(running, "what's left for the platform team?")
    assert "left" in answer and "says" not in answer, answer


async def test_a_person_described_last_in_a_correction_is_that_sender(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "archive Sarah's email")
    answer = await said(running, "no, not Sarah, Bob, the release manager")
    assert answer == "Undone: it's no longer archived. Archived Robert Bob Smith's email.", answer
    assert await folder_subjects(demo_copy, "archive") == [RELEASE]


async def test_send_after_a_change_that_failed_reads_the_draft_again_first(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Reply to Bob saying we're still on for Thursday.")
    assert await said(running, "Drop the question.") == "I don't see the question in your reply, so it's as it was."
    answer = await said(running, "ok that's good, send it")
    assert answer.startswith("We've moved on since I read it back, so here it is again."), answer
    assert smtp_server.messages == []
    assert (await said(running, "send it")) == "Sent to Robert Bob Smith."


async def test_who_else_wrote_leaves_out_those_named_and_of_those_left_the_people(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "and who else wrote, besides sarah and bob")
    assert answer.startswith("Three emails. From Priya Natarajan, IT Service Desk and VendorX Updates."), answer
    await said(running, "read me bob's")
    await said(running, "archive that")
    await said(running, "how many are left now")
    answer = await said(running, "and which of those are from actual humans, not robots")
    assert answer.startswith("Two from people. From Sarah Chen and Priya Natarajan."), answer


async def test_a_rule_whose_words_name_another_sender_is_asked_whose_not_made_for_the_open_one(session):  # noqa: F811
    running, _ = session
    await said(running, "go to priya's email")
    # "Mute Bob." as Whisper heard it: "new" is also VendorX's news@, so nobody is named surely
    assert await said(running, "New Bob.") == "Whose mail? Say the sender's name."
    assert await said(running, "Bob") == "Mute bob.smith@northwind.example?"


async def test_an_email_named_first_is_the_one_a_misheard_verb_acts_on(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to bob's email")
    # "bin it" as Whisper heard it: a guess, asked about, and of the newsletter named, not Bob's open email
    answer = await said(running, "Oh, and the newsletter. Just like, thin it.")
    assert answer == "Did you want me to move VendorX Updates's email to Trash?", answer
    assert await folder_subjects(demo_copy, "trash") == []
