"""Reading and searching mail on the real Dovecot: nothing is marked read by reading, bodies
are speakable, search runs on the server and understands names as people say them."""

from __future__ import annotations

from datetime import date


async def test_unread_lists_the_unread_newest_first_without_marking_them_read(demo_copy):
    unread = await demo_copy.unread()
    assert {m.sender.name for m in unread} == {
        "Robert Bob Smith",
        "Sarah Chen",
        "VendorX Updates",
        "Priya Natarajan",
        "IT Service Desk",
    }
    assert [m.uid for m in unread] == sorted((m.uid for m in unread), reverse=True)
    assert all(m.unread for m in unread)
    for m in unread:
        await demo_copy.body(m)
    assert len(await demo_copy.unread()) == 5  # BODY.PEEK: reading aloud marks nothing


async def test_a_summary_carries_what_triage_and_replies_need(demo_copy):
    [bob] = [m for m in await demo_copy.unread() if "Bob" in m.sender.name]
    assert bob.sender.email == "bob.smith@northwind.example"
    assert bob.subject == "Is the release still on for Thursday?"
    assert bob.message_id == "<release-thursday-17@northwind.example>"
    assert [a.email for a in bob.cc] == ["platform@northwind.example"]
    [news] = [m for m in await demo_copy.unread() if "VendorX" in m.sender.name]
    assert news.list_unsubscribe and news.precedence == "bulk"


async def test_the_body_is_plain_speakable_text(demo_copy):
    [sarah] = [m for m in await demo_copy.unread() if "Sarah" in m.sender.name]
    body = await demo_copy.body(sarah)
    assert body.text.startswith("Hi Alex,")
    assert "Friday noon" in body.text and not body.problem


async def test_search_finds_bob_when_the_user_says_robert_and_the_reverse(demo_copy):
    assert [m.subject for m in await demo_copy.search(sender="Bob")] == ["Is the release still on for Thursday?"]
    assert len(await demo_copy.search(sender="robert")) == 1


async def test_search_falls_back_to_a_fuzzy_match_on_sender_names(demo_copy, dovecot):
    dovecot.deliver(
        demo_copy.account.identity,
        b"From: Katherine O'Neil <koneil@northwind.example>\r\nSubject: Roadmap\r\n"
        b"Message-ID: <roadmap-1@northwind.example>\r\n\r\nDraft attached.\r\n",
    )
    # what speech recognition made of "Katherine O'Neil"
    found = await demo_copy.search(sender="catherine oneil")
    assert [m.subject for m in found] == ["Roadmap"]


async def test_search_by_subject_words_and_dates(demo_copy):
    assert [m.sender.name for m in await demo_copy.search(subject="budget")] == ["Sarah Chen"]
    tuesday = await demo_copy.search(since=date(2026, 11, 24))
    assert {m.subject for m in tuesday} >= {
        "Q3 budget numbers needed by Friday",
        "Is the release still on for Thursday?",
    }
    assert all(m.subject != "Lunch on Wednesday?" for m in tuesday)
    assert await demo_copy.search(subject="budget", before=date(2026, 11, 1)) == []


async def test_a_thread_is_grouped_by_references(demo_copy, dovecot):
    user = demo_copy.account.identity
    dovecot.deliver(
        user,
        b"From: Sarah Chen <sarah.chen@northwind.example>\r\nSubject: Re: Q3 budget numbers needed by Friday\r\n"
        b"Message-ID: <budget-q3-002@northwind.example>\r\nIn-Reply-To: <budget-q3-001@northwind.example>\r\n"
        b"References: <budget-q3-001@northwind.example>\r\n\r\nAlso the travel line, please.\r\n",
    )
    [first] = await demo_copy.search(subject="Q3 budget", limit=1, sender="sarah")
    thread = await demo_copy.thread(first)
    assert [m.message_id for m in thread] == ["<budget-q3-001@northwind.example>", "<budget-q3-002@northwind.example>"]


async def test_a_dropped_connection_is_reopened_and_the_read_goes_on(demo_copy, dovecot):
    assert len(await demo_copy.unread()) == 5
    dovecot.restart()  # every open IMAP connection is cut
    assert len(await demo_copy.unread()) == 5


async def test_a_command_the_server_refuses_is_a_clear_error_not_a_retry_loop(demo_copy):
    import pytest

    from mailvox.agent.mail.errors import MailError

    with pytest.raises(MailError, match="refused") as caught:
        await demo_copy.unread(folder="No Such Folder")
    assert caught.value.spoken
    assert len(await demo_copy.unread()) == 5  # the connection is still good
