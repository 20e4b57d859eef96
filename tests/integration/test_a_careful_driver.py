"""A driver who checks before and after: a request taken back inside itself, a draft's people
asked about and put right, a change said with a yes, a mute asked about before it is made, a
stutter over a bad line, typed through a real AgentSession over the demo mailbox in Dovecot,
with the test SMTP server. The LLM writes nothing (FAST_PATH_ONLY): every answer comes from the mail."""

from __future__ import annotations

from ..helpers import folder_subjects
from .test_conversation import said, session  # noqa: F401  (the fixture)


async def test_an_act_taken_back_in_the_same_breath_is_never_done(session, demo_copy):  # noqa: F811
    running, _ = session
    await said(running, "go to the newsletter")
    assert await said(running, "hang on dont delete it just flag it") == "Flagged."
    assert await folder_subjects(demo_copy, "trash") == []
    assert await said(running, "archive it") == "Archived."
    # done just before: put back, then what was asked instead
    answer = await said(running, "oh no don't archive it mark it unread")
    assert answer == "Undone: it's no longer archived. Marked unread.", answer
    assert await folder_subjects(demo_copy, "archive") == []


async def test_a_reply_to_all_asked_for_before_its_words_and_a_team_not_on_it(session, smtp_server):  # noqa: F811
    running, _ = session
    assert (await said(running, "reply all to bob")).startswith("What would you like to say")
    answer = await said(running, "we hold the release until QA signs off")
    assert answer.startswith("Here's your reply to Robert Bob Smith, Platform Team: We hold the release"), answer
    narrowed = await said(running, "take the platform team off it")
    assert narrowed.startswith("Here's your reply to Robert Bob Smith: We hold"), narrowed
    # the team is not on it now: said so, and no flag is taken off anything
    answer = await said(running, "and take the team off")
    assert answer == "Your reply goes to Robert Bob Smith, and it hasn't gone out. Shall I send it?", answer
    await said(running, "mhm yeah")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bob.smith@northwind.example"]]


async def test_a_change_said_with_a_yes_changes_the_draft_and_sends_nothing(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "go to priya's email")
    await said(running, "tell her I can do it tuesday afternoon")
    answer = await said(running, "sure but say wednesday morning not tuesday")
    assert answer.startswith("Here's your reply to Priya Natarajan: I can do it Wednesday morning."), answer
    answer = await said(running, "ok then say would you be ok with eleven instead")
    assert answer.startswith("Here's your reply to Priya Natarajan: Would you be ok with eleven?"), answer
    assert not smtp_server.messages


async def test_a_forward_readdressed_with_a_yes_and_a_stutter_over_a_bad_line(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "forward the budget email to bob")
    answer = await said(running, "yeah ok but send it to priya instead then")
    assert "to Priya Natarajan" in answer, answer
    answer = await said(running, "wait who who is getting this")
    assert answer == "Your forward goes to Priya Natarajan, and it hasn't gone out. Shall I send it?", answer
    await said(running, "send send it")
    assert [m.rcpt_tos for m in smtp_server.messages] == [["priya.n@northwind.example"]]


async def test_how_long_a_mute_lasts_is_said_and_for_today_leaves_them_out_without_a_rule(session):  # noqa: F811
    running, assistant = session
    assert await said(running, "mute the service desk") == "Mute servicedesk@northwind.example?"
    answer = await said(running, "hmm for how long")
    assert answer.startswith("A mute lasts until you unmute them."), answer
    answer = await said(running, "nah just leave them out for today")
    assert answer.startswith("Okay, I'll leave out IT Service Desk's emails for now."), answer
    assert all(item.sender != "IT Service Desk" for item in assistant.briefing.items)
    assert await said(running, "what have I muted") == "You haven't muted anyone."


async def test_words_asked_for_and_a_question_instead_and_a_sentence_cut_on_its_verb(session):  # noqa: F811
    running, _ = session
    assert (await said(running, "reply to jamie")).startswith("What would you like to say to Jamie Lee")
    answer = await said(running, "how many are left")
    assert "reply" not in answer and "left" in answer, answer  # asked of me: never the reply's words
    answer = await said(running, "reply to jamie and say the ramen place is")
    assert answer == "Go on.", answer
    answer = await said(running, "is fine by me")
    assert answer.startswith("Here's your reply to Jamie Lee: The ramen place is fine by me."), answer


async def test_an_act_refused_or_asked_about_before_next_is_never_done(session, demo_copy):  # noqa: F811
    running, assistant = session
    await said(running, "next")
    answer = await said(running, "don't archive that one. next")
    assert answer.startswith("From Robert Bob Smith:"), answer
    answer = await said(running, "have I already marked it read? next")
    assert not answer.startswith("Marked"), answer
    answer = await said(running, "flag it. sorry, I mean archive it")
    assert answer == "Archived.", answer
    # the question was no act; "next" went on to Priya's, and only hers is archived
    assert await folder_subjects(demo_copy, "archive") == ["Offsite agenda - your slot"]
    assert assistant.briefing.current is not None


async def test_a_reply_to_the_sender_alone_asked_for_again_says_whom_it_goes_to(session, smtp_server):  # noqa: F811
    running, _ = session
    await said(running, "tell bob we're pushing it to monday")
    answer = await said(running, "only bob, not the whole team")
    assert answer == "Your reply goes to Robert Bob Smith, and it hasn't gone out. Shall I send it?", answer
    assert not smtp_server.messages


async def test_the_words_after_a_false_start_and_one_more_on_a_forward(session, smtp_server):  # noqa: F811
    running, _ = session
    assert (await said(running, "reply to priya")).startswith("What would you like to say to Priya")
    answer = await said(running, "oh right, I hadn't thought. Tell her the slot works for me")
    assert answer.startswith("Here's your reply to Priya Natarajan: The slot works for me."), answer
    await said(running, "cancel")
    await said(running, "forward the vpn email to jamie")
    answer = await said(running, "no wait, I mean bob too")
    assert "to Jamie Lee, Robert Bob Smith" in answer, answer
    await said(running, "send it")
    assert [sorted(m.rcpt_tos) for m in smtp_server.messages] == [
        ["bob.smith@northwind.example", "jamie.lee@northwind.example"]
    ]


async def test_an_email_asked_for_at_a_pace(session):  # noqa: F811
    running, _ = session
    answer = await said(running, "read priyas email a bit slower")
    assert answer.startswith("Okay, slower. From Priya Natarajan:"), answer
