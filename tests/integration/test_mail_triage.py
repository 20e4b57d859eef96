"""Priority with reasons: deterministic, explained, and built from the real demo inbox."""

from __future__ import annotations

from datetime import UTC, datetime

from mailvox.agent.mail.briefing import build_briefing
from mailvox.agent.mail.drafts import Drafts, reply
from mailvox.agent.mail.journal import SendJournal
from mailvox.agent.mail.rules import Rule
from mailvox.agent.mail.sending import Sender
from mailvox.agent.mail.triage import Context, prioritize, triage
from mailvox.agent.mail.types import Address, MessageSummary

ME = "alex@northwind.example"


def message(uid=1, sender=("Sarah Chen", "sarah@northwind.example"), subject="Hello", to=(ME,), cc=(), **extra):
    return MessageSummary(
        uid=uid,
        folder="INBOX",
        message_id=f"<m{uid}@x>",
        sender=Address(*sender),
        to=[Address("", a) for a in to],
        cc=[Address("", a) for a in cc],
        subject=subject,
        date=datetime(2026, 11, 24, 8, uid, tzinfo=UTC),
        flags=set(),
        size=100,
        **extra,
    )


def test_reasons_are_said_the_way_a_person_would():
    context = Context({ME}, vips={"sarah@northwind.example"})
    result = triage(message(subject="Budget"), context, "Can you send the numbers by Friday? It's urgent.")
    assert result.reasons == ["from one of your VIPs", "marked urgent", "due Friday", "a question for you"]
    assert result.score == 40 + 10 + 15 + 15 + 10


def test_newsletters_sink_and_cc_only_ranks_below_direct_mail():
    context = Context({ME})
    direct = message(1, subject="Status")
    copied = message(2, subject="Status", to=("team@northwind.example",), cc=(ME,))
    bulk = message(3, sender=("VendorX", "news@vendorx.example"), subject="Weekly", list_unsubscribe=True)
    order = [t.message.uid for t in prioritize([(direct, ""), (copied, ""), (bulk, "")], context)]
    assert order == [1, 2, 3]
    assert "a newsletter or automated mail" in triage(bulk, context).reasons
    assert "only copied to you" in triage(copied, context).reasons


def test_a_thread_the_user_replied_in_and_a_frequent_correspondent_rank_up():
    context = Context({ME}, correspondents={"bob@northwind.example"}, my_message_ids={"<mine@x>"})
    result = triage(message(sender=("Bob", "bob@northwind.example"), in_reply_to="<mine@x>"), context)
    assert result.reasons[:2] == ["from someone you write to often", "in a thread you replied to"]


def test_the_same_input_always_gives_the_same_order():
    context = Context({ME})
    messages = [(message(uid, subject=f"Item {uid}"), "") for uid in range(1, 8)]
    orders = {tuple(t.message.uid for t in prioritize(messages, context)) for _ in range(5)}
    assert orders == {(7, 6, 5, 4, 3, 2, 1)}  # equal scores: newest first


async def test_the_demo_briefing_puts_real_work_first_and_the_newsletter_last(demo_copy, tmp_path):
    # Alex once replied to Bob: that makes Bob a correspondent.
    [bob] = await demo_copy.search(sender="Bob", unread_only=True)
    draft = reply(demo_copy.account, bob, "Thursday still stands.")
    await Drafts(demo_copy.imap).save(draft)
    await Sender(demo_copy.account, demo_copy.imap, SendJournal(tmp_path / "j.json")).send(draft["Message-ID"])

    briefing = await build_briefing(demo_copy, rules=[])
    subjects = [t.message.subject for t in briefing]
    assert subjects[0] in ("Q3 budget numbers needed by Friday", "Is the release still on for Thursday?")
    assert subjects[-1] == "This week at VendorX: 5 new dashboard features"
    top = {t.message.subject: t for t in briefing}
    assert "due Friday" in top["Q3 budget numbers needed by Friday"].reasons
    assert "from someone you write to often" in top["Is the release still on for Thursday?"].reasons

    muted = await build_briefing(demo_copy, rules=[Rule("mute", "vendorx")])
    assert len(muted) == len(briefing) - 1
