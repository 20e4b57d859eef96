"""Requests said in passing, as a driver says them: several things to say in one reply, a yes with
more said after it, "go on" to a read-back, questions after a lead-in, what can wait, a search
that finds only older mail, a call asked for beside a request, and words put right as they are
said. Typed through a real AgentSession over the demo mailbox in Dovecot, with the test SMTP
server. The LLM writes nothing (FAST_PATH_ONLY)."""

from __future__ import annotations

from email import message_from_bytes

from ..helpers import flagged_subjects, folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


def _body(message) -> str:
    parsed = message_from_bytes(message.data)
    return " ".join(str(parsed.get_payload(decode=True).decode()).split())


async def test_a_reply_keeps_each_thing_said_after_a_comma(session, demo_copy):  # noqa: F811
    running, _ = session
    answer = await said(running, "reply to Sarah, put cloud spend at about forty thousand, and say it's an estimate")
    assert "Put cloud spend at about forty thousand. It's an estimate." in answer, answer
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]


async def test_go_on_to_a_read_back_sends_and_yeah_with_more_mutes(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "reply to Jamie, say yeah lunch Wednesday sounds good")
    assert smtp_server.messages == []
    assert await said(running, "yeah go on then") == "Sent to Jamie Lee."
    assert [m.rcpt_tos for m in smtp_server.messages] == [["jamie.lee@northwind.example"]]
    assert await said(running, "honestly I don't really need the VendorX stuff anymore") == "Mute news@vendorx.example?"
    muted = await said(running, "yeah, all of it, going forward")
    assert muted.startswith("Okay, I'll skip mail from news@vendorx.example."), muted


async def test_a_yes_with_a_change_after_it_is_no_yes(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "that vendor newsletter, chuck it in the trash") == (
        "Did you want me to move VendorX Updates's email to Trash?"
    )
    await said(running, "yeah, but archive it instead")
    assert await folder_subjects(demo_copy, "trash") == []


async def test_questions_after_a_lead_in_are_answered_from_the_email_they_name(session):  # noqa: F811
    running, _ = session
    assert await said(running, "Priya's offsite... where's it being held, do you know?") == (
        "Priya Natarajan's email doesn't say where."
    )
    assert (
        await said(running, "Bob's email, who else was copied on that?") == "It went to Alex Morgan and Platform Team."
    )
    wrong = await said(running, "and what's actually gone wrong with the release?")
    assert wrong == "Robert Bob Smith says: QA found a flaky login test last night.", wrong
    await said(running, "in Monday's standup notes, uh, when's the retro?")
    moving = await said(running, "oh and the on-call handover, is that moving?")
    assert moving == "Sarah Chen says: On-call handover moves to Tuesdays.", moving


async def test_the_briefing_begins_on_anything_new_and_says_what_can_wait(session):  # noqa: F811
    running, _ = session
    first = await said(running, "hey, ok so, anything new come in?")
    assert first.startswith("From Sarah Chen: Q3 budget numbers needed by Friday."), first
    waits = await said(running, "ok and what can wait till I'm at my desk?")
    assert waits == "IT Service Desk's and VendorX Updates's can wait: they ask nothing of you.", waits
    after = await said(running, "what's Sarah after with the budget thing?")
    assert after.endswith("I need the headcount line and the cloud spend split out."), after


async def test_a_search_with_nothing_since_then_gives_the_latest_before(session):  # noqa: F811
    running, _ = session
    found = await said(running, "anything from Jamie in the last week or so?")
    # the demo's lunch email is from November 23rd: older than a week whenever this runs
    assert found.startswith("I don't see any email from jamie since last week. The latest came on November 23."), found
    assert found.endswith("The new ramen place opened across the street."), found


async def test_a_call_asked_beside_a_request_is_declined_and_the_request_done(session):  # noqa: F811
    running, _ = session
    started = await said(running, "read them out but, uh, slower please, I'm on a roundabout")
    assert started.startswith("Okay, slower. From Sarah Chen:"), started
    await said(running, "ok hang on, pause a sec")
    both = await said(running, "right, carry on, oh and can you call Sarah for me?")
    assert "From Sarah Chen:" in both and both.endswith(
        "I can't send texts or make calls, only email. Say reply or forward to write one."
    ), both


async def test_words_put_right_as_they_are_said_and_a_hold_keeps_the_draft(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "write back to Priya: 10:40 works, thanks")
    added = await said(running, "oh and add, could she sort me a projector- no, not a projector, a clicker")
    assert "10:40 works, thanks. Could she sort me a clicker?" in added, added
    held = await said(running, "hmm, hold off actually, lemme check my calendar first")
    assert held.startswith("Okay, I won't send it."), held
    assert smtp_server.messages == []
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Offsite agenda - your slot"]


async def test_a_forward_keeps_what_they_are_asked_to_do(session, smtp_server):  # noqa: F811
    running, _ = session
    read_back = await said(running, "forward the VPN one to, um, Bob, and ask him to check his isn't expiring too")
    assert "to Robert Bob Smith, with your note: Please check yours isn't expiring." in read_back, read_back
    assert smtp_server.messages == []


async def test_a_team_called_in_passing_and_an_address_begun_after_a_name(session, smtp_server):  # noqa: F811
    running, _ = session
    team = await said(running, "ping the platform lot, tell 'em standup's at ten tomorrow instead of nine")
    assert team.startswith("Here's your email to Platform Team: Standup's at ten tomorrow instead of nine."), team
    await said(running, "cancel")
    jamie = await said(running, "new email to Jamie, jamie.lee, say yeah lunch Wednesday sounds good")
    assert jamie.startswith("Here's your email to Jamie Lee: Yeah lunch Wednesday sounds good."), jamie
    assert await said(running, "ok, go") == "Sent to Jamie Lee."
    [sent] = smtp_server.messages
    assert sent.rcpt_tos == ["jamie.lee@northwind.example"]
    assert "jamie.lee." not in _body(sent).lower()


async def test_their_last_one_is_the_email_of_the_sender_a_rule_was_asked_about(session):  # noqa: F811
    running, _ = session
    assert await said(running, "mute the IT service desk, they never shut up") == "Mute servicedesk@northwind.example?"
    await said(running, "hmm, wait, actually the VPN stuff matters, unmute them")
    answer = await said(running, "and what was their last one about?")
    assert answer.startswith("IT Service Desk says: Your VPN certificate expires on December 1st."), answer


async def test_words_taken_back_before_a_question_are_never_sent(session, smtp_server):  # noqa: F811
    running, _ = session
    said_back = await said(
        running,
        "Can you get back to Priya and say 10:40 is fine — no, actually, hang on — ask if I can do eleven instead.",
    )
    assert "10:40 is fine" not in said_back, said_back  # asked about or read back, never with the words taken back
    assert await said(running, "reply to Priya, say ten forty works, no wait, ask her if eleven is ok") == (
        "Here's your reply to Priya Natarajan: Is eleven ok? It's saved in your drafts. Shall I send it?"
    )
    assert smtp_server.messages == []


async def test_a_time_or_a_day_asked_of_an_email_without_a_deadline_is_its_own(session):  # noqa: F811
    running, _ = session
    await said(running, "Priya's offsite thing, where's that actually happening?")
    assert await said(running, "ok, and what time's my bit, how long have I got?") == (
        "Priya Natarajan says: Does 10:40 work for you?"
    )  # hers, never the VPN email's expiry
    await said(running, "Erm, those standup notes from Monday — what was the on-call change?")
    assert await said(running, "and the retro, when's that?") == "Sarah Chen says: Retro is Friday."


async def test_an_email_named_in_a_question_is_the_one_answered(session):  # noqa: F811
    running, _ = session
    await said(running, "Start with Sarah's, I guess.")
    jamie = await said(running, "ok and, uh, that lunch thing from Jamie last week, what'd that say again?")
    assert jamie.endswith(
        "From Jamie Lee: Lunch on Wednesday? Want to grab lunch Wednesday? The new ramen place opened across the street."
    ), jamie
    bob = await said(running, "God, traffic's murder this morning... anyway. What's Bob sent me?")
    assert bob.startswith("From Robert Bob Smith: Is the release still on for Thursday?"), bob


async def test_who_sent_the_second_one_is_the_second_ones_sender(session):  # noqa: F811
    running, _ = session
    await said(running, "Morning. Right, so, um... go through the new stuff for me, would you?")
    assert await said(running, "sorry, missed it, a lorry was going past — who was the second one from?") == (
        "It's from Robert Bob Smith, bob.smith@northwind.example."
    )


async def test_a_reply_all_on_someones_email_a_note_put_on_a_forward_and_something_like(session):  # noqa: F811
    running, _ = session
    everyone = await said(running, "Reply all on Bob's — we're still shipping Thursday, the login test's sorted.")
    assert everyone.startswith(
        "Here's your reply to Robert Bob Smith, Platform Team: We're still shipping Thursday, the login test's sorted."
    ), everyone
    await said(running, "cancel")
    note = await said(running, "Forward the standup notes to Priya — just put FYI for the offsite.")
    assert "to Priya Natarajan, with your note: FYI for the offsite." in note, note
    await said(running, "cancel")
    await said(running, "Read me Priya's.")
    await said(running, "ok, tell her that works for me.")
    added = await said(running, "and add something like thanks for organising it.")
    assert "That works for me. Thanks for organising it." in added, added


async def test_a_polite_question_is_the_request_and_what_cannot_be_done_is_said(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (
        await said(running, "That VendorX newsletter — would you mind archiving it?")
        == "Archived VendorX Updates's email."
    )
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]
    await said(running, "Anything from Jamie?")
    reminder = await said(running, "can you set me a reminder for the Wednesday lunch?")
    assert reminder.startswith("I can't use your calendar or set reminders."), reminder
    assert await said(running, "and stick some music on, would you?") == "I can only help with your email."


async def test_words_that_begin_like_a_request_stay_the_words(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    advice = await said(running, "reply saying on Sarah's advice we're holding the release till Monday")
    assert advice.startswith(
        "Here's your reply to Robert Bob Smith: On Sarah's advice we're holding the release till Monday."
    ), advice
    await said(running, "cancel")
    no = await said(running, "reply to Bob saying, no, actually, let's hold it till Monday")
    assert no.startswith("Here's your reply to Robert Bob Smith: No, actually, let's hold it till Monday."), no
    await said(running, "cancel")
    asked = await said(running, "reply to Bob saying what has Priya sent you about the offsite?")
    assert asked.startswith("Here's your reply to Robert Bob Smith: What has Priya sent you about the offsite?"), asked
    assert smtp_server.messages == []


async def test_a_time_asked_of_another_emails_topic_is_that_ones(session):  # noqa: F811
    running, _ = session
    await said(running, "Go to Priya's email.")
    due = await said(running, "what time are the budget numbers due?")
    assert "Friday noon" in due and "10:40" not in due, due


async def test_two_polite_requests_each_act_on_their_own_email(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "Go to Bob's email.")
    both = await said(running, "can you flag it? and can you archive the VendorX one?")
    assert both == "Flagged. Archived VendorX Updates's email.", both
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]
    # words for someone keep their politeness
    kept = await said(running, "reply to Bob, would you mind reading it over before Thursday")
    assert "Would you mind reading it over before Thursday?" in kept, kept


async def test_an_email_set_apart_before_it_is_what_it_means(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "read me the first one")
    # the recognizer's "Arm, the vendor X-Tang" for "Erm, the VendorX thing": never Sarah's open email
    asked = await said(running, "Arm, the vendor X-Tang, would you mind archiving it?")
    assert asked == "Did you want me to archive VendorX Updates's email?", asked
    assert await folder_subjects(demo_copy, "archive") == []
    # a set-apart phrase that describes the open email, or says nothing of one, keeps it
    await said(running, "no")
    assert await said(running, "the budget, flag it") == "Flagged."
    assert await said(running, "the thing is, I've done that, archive it") == "Archived."
    assert await folder_subjects(demo_copy, "archive") == ["Q3 budget numbers needed by Friday"]


async def test_a_last_bit_scrapped_never_reaches_the_reply(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "read me bob's one")
    said_anew = await said(
        running,
        "right tell him uh we're still on for thursday and the flaky test is being fixed, "
        "actually no scrap that last bit, just say we're still on for thursday",
    )
    assert "Robert Bob Smith: We're still on for Thursday. It's saved" in said_anew, said_anew
    await said(running, "cancel it")
    left = await said(
        running, "tell him we're still on for thursday and the test is fixed, actually scrap that last bit"
    )
    assert "Robert Bob Smith: We're still on for Thursday. It's saved" in left, left
    assert smtp_server.messages == []


async def test_an_email_put_right_in_a_request_and_a_let_go_with_nothing_to_cancel(session, demo_copy):  # noqa: F811
    running, _ = session
    asked = await said(running, "delete the VPN one, no wait not that, shit, the newsletter, delete the newsletter")
    assert asked == "Did you want me to move VendorX Updates's email to Trash?", asked
    assert await said(running, "no") in ("Okay.", "Okay, I've left it.")
    await said(running, "forward priya's email to mike")  # nobody here is called Mike
    assert await said(running, "ugh, forget it then") == "Okay."  # never a guess in its place
    binned = await said(running, "can you bin sarah's email")
    assert binned.startswith("Did you want me to move Sarah Chen's"), binned
    other = await said(running, "the standup notes one, I still need the budget one")
    assert other == "Did you want me to move Sarah Chen's email, Standup notes, Monday, to Trash?", other
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_topic_guessed_wrong_still_finds_the_senders_mail(session):  # noqa: F811
    running, _ = session
    found = await said(running, "anything from jamie lately? think it was about food or something")
    assert found.startswith("I don't see any email about food from jamie"), found
    assert "From Jamie Lee: Lunch on Wednesday?" in found
    reply = await said(running, "oh yeah, reply and say yes I'm in")
    assert reply.startswith("Here's your reply to Jamie Lee: Yes I'm in."), reply
    calls = await said(
        running, "can you call bob back for me, and set a reminder for five o'clock about the budget thing"
    )
    assert calls.startswith("I can't use your calendar or set reminders, and I can't make calls."), calls
    sort = await said(
        running, "I was wondering, er, if there's anything in there I actually need to sort before the weekend"
    )
    assert "Sarah Chen's, Q3 budget numbers needed by Friday" in sort, sort


async def test_a_quick_rundown_and_which_are_from_people(session):  # noqa: F811
    running, _ = session
    rundown = await said(running, "give us a quick rundown")
    assert rundown.startswith("Five emails. Sarah Chen: Q3 budget numbers needed by Friday."), rundown
    people = await said(running, "any of them from actual humans?")
    assert people.startswith("Three from people. From Sarah Chen, Robert Bob Smith and Priya Natarajan."), people


async def test_a_draft_scrapped_is_deleted_and_a_note_told_to_him_says_you(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "reply to Priya, say yes ten forty works for me")
    assert await said(running, "actually scrap that, cancel it, I'll sort it from the office") == (
        "Okay, I've deleted that draft."
    )
    assert await folder_subjects(demo_copy, "drafts") == []
    told = await said(
        running, "forward Sarah's budget email to Bob and tell him I need the cloud spend numbers off him by Thursday"
    )
    assert "with your note: I need the cloud spend numbers off you by Thursday." in told, told


async def test_questions_as_people_put_them(session):  # noqa: F811
    running, _ = session
    guessed = await said(running, "I'm guessing Sarah wants the budget stuff like end of the week yeah")
    assert guessed.startswith("Sarah Chen says: Can you send me the final Q3 budget numbers"), guessed
    regarding = await said(running, "and Bob's mail is regarding what only?")
    assert regarding.startswith("Robert Bob Smith says: QA found a flaky login test last night."), regarding
    assert await said(running, "who all are there in that mail also") == "It went to Alex Morgan and Platform Team."
    reckon = await said(running, "is he expecting an answer today d'you reckon")
    assert reckon.endswith("It's a question for you. It's your call."), reckon
    heard = await said(running, "Is he expecting an answer today? Do you reckon?")  # as Whisper wrote it
    assert heard.endswith("It's a question for you. It's your call."), heard
    both = await said(running, "what time does the offsite kick off and where is it, d'you know")
    assert "December 3rd" in both and both.endswith("doesn't say where."), both


async def test_an_email_called_by_its_gist_or_its_age(session, demo_copy):  # noqa: F811
    running, _ = session
    money = await said(running, "flag Bob's one and the money one")
    assert money == "Flagged Robert Bob Smith's email. Did you want me to flag Sarah Chen's email?", money
    await said(running, "no")
    await said(running, "delete the one from Sarah")
    older = await said(running, "the standup notes one, the old one")
    assert older == "Did you want me to move Sarah Chen's email, Standup notes, Monday, to Trash?", older
    assert await folder_subjects(demo_copy, "trash") == []


async def test_a_remark_or_a_guess_never_moves_what_it_means(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "read me priya's one")
    await said(running, "I'm guessing Bob's going to be there too")  # asked of Priya's, never Bob's made the one
    assert await said(running, "ok, flag it") == "Flagged."
    await said(running, "read me bob's one")
    assert (
        await said(running, "think I should archive it?")
        == "Nothing in it looks urgent. It's a question for you. It's your call."
    )
    assert await said(running, "the money side, that's sorted, flag it") == "Flagged."  # a remark between: Bob's
    gone_to = await said(running, "the offsite email, the one I was going to file")
    assert gone_to.startswith("From Priya Natarajan:"), gone_to
    assert await folder_subjects(demo_copy, "archive") == []
    assert sorted(await flagged_subjects(demo_copy)) == [
        "Subject: Is the release still on for Thursday?",
        "Subject: Offsite agenda - your slot",
    ]


async def test_a_hurried_morning_asked_as_it_comes(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    # "today" is the caller's day here, not a search for mail that came today (the demo's is older)
    opened = await said(running, "Morning. What's in there for me today?")
    assert opened.startswith("Five emails. From Sarah Chen, Robert Bob Smith"), opened
    assert await said(running, "Hang on, who's the, er, the VPN one from again?") == (
        "It's from IT Service Desk, servicedesk@northwind.example."
    )
    needs = await said(running, "Right, and does Bob need an answer from me? Like, today-ish.")
    assert "Is the release still on for Thursday?" in needs, needs
    drafted = await said(running, "Okay, just tell him, um, Thursday still fine.")
    assert drafted.startswith("Here's your reply to Robert Bob Smith: Thursday still fine."), drafted
    assert await said(running, "Can you, like, put a flag on Priya's one?") == "Flagged Priya Natarajan's email."
    assert await flagged_subjects(demo_copy) == ["Subject: Offsite agenda - your slot"]
    assert await said(running, "Cheers, that's me. I'll pick the rest up later.") == (
        "Okay. Your reply hasn't gone out; it's in your drafts. Talk to you later."
    )
    assert smtp_server.messages == []


async def test_dont_send_with_no_draft_says_nothing_waits(session, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(running, "Nah, hold off. Don't send it yet.") == "Okay, I won't send anything."
    assert smtp_server.messages == []


async def test_an_email_named_before_a_repair_is_still_the_one_acted_on(session, demo_copy):  # noqa: F811
    running, _ = session
    assert (
        await said(running, "the IT one, archive it, no wait, flag it actually") == "Flagged IT Service Desk's email."
    )
    assert await flagged_subjects(demo_copy) == ["Subject: Your VPN certificate expires in 7 days"]
    assert await folder_subjects(demo_copy, "archive") == []
    assert await said(running, "and how long have I got on that?") == (
        "IT Service Desk says: Your VPN certificate expires on December 1st."
    )


async def test_a_sender_in_a_loose_description_names_their_email(session, demo_copy):  # noqa: F811
    running, _ = session
    # the IT email says nothing of a password: it is still IT's one email, and no folder is made up
    assert await said(running, "chuck the IT password thing into my Admin folder") == (
        "I don't see a folder called admin. You have no folders of your own."
    )
    about = await said(running, "hang on, what was that one actually about")
    assert about.startswith("IT Service Desk says: Your VPN certificate expires on December 1st."), about


async def test_a_mark_then_a_reply_in_one_breath_does_both(session, demo_copy, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "anything about the budget in there")
    both = await said(running, "righto, flag it, and tell her I'm on it")
    assert both.startswith("Flagged. Here's your reply to Sarah Chen: I'm on it."), both
    assert await flagged_subjects(demo_copy) == ["Subject: Q3 budget numbers needed by Friday"]
    assert await folder_subjects(demo_copy, "drafts") == ["Re: Q3 budget numbers needed by Friday"]
    assert smtp_server.messages == []


async def test_steps_after_a_question_are_done_once_it_is_answered_yes(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "archive the newsletter and stick a flag on Bob's") == (
        "Did you want me to archive VendorX Updates's email?"
    )
    assert await said(running, "yes") == "Archived. Flagged Robert Bob Smith's email."
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]
    assert await flagged_subjects(demo_copy) == ["Subject: Is the release still on for Thursday?"]


async def test_a_no_to_the_first_question_lets_the_rest_go(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "archive the newsletter and stick a flag on Bob's")
    assert await said(running, "no") == "Okay."  # "no" may mean all of it
    assert await folder_subjects(demo_copy, "archive") == []
    assert await flagged_subjects(demo_copy) == []


async def test_a_step_on_it_is_never_carried_onto_the_email_asked_about(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    await said(running, "next")  # Bob's
    assert await said(running, "bin the newsletter and archive this one") == (
        "Did you want me to move VendorX Updates's email to Trash?"
    )
    assert await said(running, "yes") == "Moved to Trash. Say undo to bring it back."
    assert await folder_subjects(demo_copy, "trash") == ["This week at VendorX: 5 new dashboard features"]
    assert await folder_subjects(demo_copy, "archive") == []


async def test_yes_and_an_act_is_about_the_open_email(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    assert await said(running, "yes, and delete it") == "Did you want me to move Sarah Chen's email to Trash?"
    assert await said(running, "okay go, and flag it") == "Flagged."
    assert await flagged_subjects(demo_copy) == ["Subject: Q3 budget numbers needed by Friday"]
    assert await folder_subjects(demo_copy, "trash") == []


async def test_checking_asked_politely_is_no_act(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    assert "Flag" not in await said(running, "can you double check it's not flagged?")
    assert await said(running, "can you maybe unflag it? I'm not sure I flagged it") == (
        "Did you want me to take the flag off Sarah Chen's email?"
    )
    assert "Trash" not in await said(running, "Can you even delete emails?")
    assert "Archived" not in await said(running, "could you archive that, or is it better to keep it?")
    assert "Archived" not in await said(running, "would you archive it if you were me?")
    assert await folder_subjects(demo_copy, "archive") == []


async def test_a_promise_to_send_something_stays_in_the_words(session):  # noqa: F811
    running, _ = session
    drafted = await said(running, "reply to Sarah saying I'll pull the numbers together, and send it over")
    assert drafted.startswith("Here's your reply to Sarah Chen: I'll pull the numbers together, and send it over."), (
        drafted
    )


async def test_a_day_and_a_topic_are_searched_as_said(session):  # noqa: F811
    running, _ = session
    found = await said(running, "anything in about the offsite on Tuesday?")
    assert "Priya Natarajan" in found, found  # the offsite's day, never the day mail came
    assert await said(running, "what came in on Monday?") == "I don't see any email on Monday."


async def test_the_question_and_the_steps_after_it_stand_through_an_aside(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "archive the newsletter and stick a flag on Bob's")
    assert await said(running, "what's muted?") == "You haven't muted anyone."
    assert await said(running, "yes") == "Archived. Flagged Robert Bob Smith's email."
    assert await folder_subjects(demo_copy, "archive") == ["This week at VendorX: 5 new dashboard features"]
    assert await flagged_subjects(demo_copy) == ["Subject: Is the release still on for Thursday?"]


async def test_what_someone_put_in_an_email_read_before_the_call(session):  # noqa: F811
    running, _ = session
    notes = await said(running, "what'd Sarah put in Monday's standup notes")
    assert (
        notes == "Sarah Chen says: Notes: migration is 80% done, on-call handover moves to Tuesdays, retro is Friday."
    )
    assert await said(running, "how much is the Q3 budget then, roughly") == (
        "Sarah Chen's email, Q3 budget numbers needed by Friday, doesn't give a figure."
    )


async def test_go_after_a_pause_carries_on_at_the_pace_asked(session):  # noqa: F811
    running, _ = session
    assert await said(running, "hold on a sec, pause") == "Okay."
    going = await said(running, "okay go, and slow down a bit mate, you're rabbiting on")
    assert going.startswith("Okay, slower. From Sarah Chen: Q3 budget numbers needed by Friday."), going


async def test_loose_follow_ups_on_a_slot_and_a_draft(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "where's this offsite thing actually being held")
    assert await said(running, "ok fair enough, what time have they got me down for then") == (
        "Priya Natarajan says: Does 10:40 work for you?"
    )
    await said(running, "reply to Priya, say 10:40 is grand, put me down")
    changed = await said(running, "actually hmm, make it 11 instead if she can swing it")
    assert changed.startswith("Here's your reply to Priya Natarajan: 11 is grand, put me down."), changed
    assert await said(running, "right, that's all for now, ta-ra") == (
        "Okay. Your reply hasn't gone out; it's in your drafts. Talk to you later."
    )
    assert smtp_server.messages == []


async def test_a_send_order_and_a_note_are_not_the_words(session, smtp_server):  # noqa: F811
    running, _ = session
    drafted = await said(running, "reply to Priya, say yes 10:40 works, and send it straight off")
    assert drafted.startswith("Here's your reply to Priya Natarajan: Yes 10:40 works."), drafted  # read back first
    await said(running, "cancel")
    forward = await said(
        running, "forward Priya's offsite email to Sarah Chen, put a note, FYI I might be off that week"
    )
    assert "with your note: FYI I might be off that week." in forward, forward
    assert smtp_server.messages == []


async def test_what_a_sender_wants_asked_the_long_way_round(session):  # noqa: F811
    running, _ = session
    wants = await said(
        running,
        "Good morning. I wonder whether you might tell me if my colleague Sarah has asked me for anything "
        "that needs doing before the weekend, because I'm dreadful at remembering these things.",
    )
    assert wants.startswith("Sarah Chen says: Can you send me the final Q3 budget numbers"), wants
    included = await said(running, "And did she happen to say what exactly she'd like included?")
    assert included == "Sarah Chen says: I need the headcount line and the cloud spend split out.", included
    assert await said(running, "What cloud spend figure did Sarah give?") == "Sarah Chen's email doesn't give a figure."


async def test_second_language_phrasing_of_what_is_wanted_and_where(session):  # noqa: F811
    running, _ = session
    wanted = await said(running, "Hello, please you can say me what is Priya wanting from me?")
    assert wanted.startswith("Priya Natarajan says: I put you down for a 20-minute slot"), wanted
    assert await said(running, "Ah ok. This December 3, it is where? Which place?") == (
        "Priya Natarajan's email doesn't say where."
    )


async def test_terse_requests_and_a_possessive_said_last(session, demo_copy):  # noqa: F811
    running, _ = session
    assert await said(running, "count.") == "5 left."
    await said(running, "sarah. deadline.")
    assert await said(running, "sent when?") == "It came on Tuesday, November 24 at 7:42 AM."
    assert await said(running, "Flag Bob's.") == "Flagged Robert Bob Smith's email."
    assert await flagged_subjects(demo_copy) == ["Subject: Is the release still on for Thursday?"]


async def test_is_one_named_urgent_and_her_other_email(session):  # noqa: F811
    running, _ = session
    urgent = await said(running, "Is Bob's one urgent?")
    assert urgent.startswith("Robert Bob Smith's email, Is the release still on for Thursday? Nothing in it looks"), (
        urgent
    )
    await said(running, "What's Sarah's latest about?")
    other = await said(running, "What about her other email?")
    assert other.startswith("From Sarah Chen: Standup notes, Monday."), other


async def test_a_sender_left_out_for_the_drive_said_loosely(session):  # noqa: F811
    running, _ = session
    left_out = await said(running, "Don't bother me with the IT desk stuff this drive.")
    assert left_out.startswith("Okay, I'll leave out IT Service Desk's emails for now."), left_out


async def test_a_request_begun_again_after_a_break_keeps_its_email(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "next")  # Sarah's open
    assert await said(running, "Right, the Priya one, could you go ahead and reply saying —") == "Go on."
    drafted = await said(running, "sorry, lorry cutting in. Say 10:40 works and I'll bring slides.")
    assert drafted.startswith("Here's your reply to Priya Natarajan: 10:40 works and I'll bring slides."), drafted
    assert smtp_server.messages == []


async def test_a_name_said_twice_is_read_once_and_what_was_done_is_said(session):  # noqa: F811
    running, _ = session
    once = await said(running, "the budget one. Sarah's.")
    assert once.count("From Sarah Chen") == 1, once
    await said(running, "That VendorX thing, delete it. Actually no, leave it where it is, I might read it later.")
    assert await said(running, "So what did I end up doing with it?") == (
        "I haven't changed anything in your mail on this call."
    )


async def test_a_hurried_call_with_a_draft_said_anew_and_a_goodbye_after_a_remark(session, smtp_server):  # noqa: F811
    running, _ = session
    assert await said(
        running, "And did Sarah say roughly what the cloud spend's meant to come out at, like a ballpark?"
    ) == ("Sarah Chen's email doesn't give a figure.")
    await said(running, "Right. Reply to Priya. Tell her ten forty's fine. See you on the third.")
    anew = await said(
        running, "No wait, actually scrap that. Say could I go after lunch instead? Mornings are mad that week."
    )
    assert anew.startswith("Here's your reply to Priya Natarajan: Could I go after lunch instead"), anew
    assert smtp_server.messages == []
    await said(running, "next")
    assert await said(running, "Did IT1, the certificate, what's that? When's it run out?") == (
        "IT Service Desk says: Your VPN certificate expires on December 1st."
    )
    assert await said(running, "Alright, that'll do me. Pulling in now. Bye.") == (
        "Okay. Your reply hasn't gone out; it's in your drafts. Talk to you later."
    )
    assert smtp_server.messages == []


async def test_names_said_in_passing_never_pick_the_email_acted_on(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "next")
    await said(running, "next")  # Bob's open
    assert await said(running, "Forward this to Sarah and —") == "Go on."
    await said(running, "Actually, just archive it.")
    await said(running, "I'll ring Sarah about it. Tell Bob we're on, no wait, just archive it.")
    assert await folder_subjects(demo_copy, "archive") == ["Is the release still on for Thursday?"]  # Bob's only
    assert "Sarah" not in await said(running, "Should I answer this before Sarah's?")


async def test_a_request_between_a_sign_off_and_a_goodbye_is_heard(session):  # noqa: F811
    running, _ = session
    assert await said(running, "That's all for now. Archive the newsletter. Bye.") == (
        "Did you want me to archive VendorX Updates's email?"
    )


async def test_only_scrap_that_then_new_words_rewrites_a_draft(session):  # noqa: F811
    running, _ = session
    await said(running, "reply to Sarah saying I'm on it")
    assert "thanks to Bob" not in await said(running, "Forget it. Just say thanks to Bob instead.")
    again = await said(running, "Scratch that, say it again")
    assert "It again" not in again, again
