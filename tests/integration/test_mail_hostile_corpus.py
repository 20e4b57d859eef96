"""Every hostile or odd mail parses to something speakable or a clear note; none raises.
A 50 MB message is read in parts: its text is found without loading it into memory."""

from __future__ import annotations

import tracemalloc

import pytest

from mailvox.agent.mail.mailbox import Mailbox

from ..hostile_mail import corpus, huge_mail

CORPUS = corpus()


@pytest.fixture
async def corpus_mailbox(mailbox_user, dovecot):
    for name, raw in CORPUS.items():
        dovecot.deliver(mailbox_user.name, raw, unique=name)
    mailbox = Mailbox(mailbox_user.account())
    yield mailbox
    await mailbox.close()


async def bodies(mailbox) -> dict[str, object]:
    unread = await mailbox.unread(limit=100)
    assert len(unread) == len(CORPUS)
    return {m.message_id or f"no-id-{m.uid}": (m, await mailbox.body(m)) for m in unread}


async def test_every_message_gives_text_or_a_clear_note(corpus_mailbox):
    for key, (_summary, body) in (await bodies(corpus_mailbox)).items():
        assert body.text or body.problem, key
        assert "\x00" not in body.text


async def test_odd_charsets_are_decoded(corpus_mailbox):
    found = {m.subject: b.text for m, b in (await bodies(corpus_mailbox)).values()}
    assert "Café at noon." in found["Unknown charset"]
    assert "Résumé attached." in found["Wrong charset"]
    assert "会議は三時です" in found["こんにちは"]


async def test_html_becomes_plain_speech_without_code_or_links(corpus_mailbox):
    [text] = [b.text for m, b in (await bodies(corpus_mailbox)).values() if m.subject == "HTML only"]
    assert "Quarterly update" in text and "Revenue is up 4%." in text
    for leftover in ("<", "alert", "color:red", "http", "#"):
        assert leftover not in text


async def test_structure_quotes_and_signatures(corpus_mailbox):
    by_subject = {m.subject: b for m, b in (await bodies(corpus_mailbox)).values()}
    assert by_subject["Nested"].text == "Please review the contract."
    assert [a.name for a in by_subject["Nested"].attachments] == ["contract.pdf"]
    assert by_subject["Re: Budget"].text == "Sounds good, ship it."
    assert by_subject["Broken MIME"].text.startswith("The meeting moved to three.")
    assert by_subject["Fwd: Offsite"].text.startswith("See below.")
    assert by_subject["Empty"].problem
    assert by_subject["Long line"].truncated


async def test_an_injected_header_stays_inside_the_subject(corpus_mailbox):
    [summary] = [m for m, _ in (await bodies(corpus_mailbox)).values() if m.subject.startswith("Hello")]
    assert "\n" not in summary.subject and "\r" not in summary.subject
    assert [a.email for a in summary.to] == ["someone@northwind.example"]


async def test_a_50_megabyte_message_is_read_in_parts(mailbox_user, dovecot):
    dovecot.deliver(mailbox_user.name, huge_mail(), unique="huge")
    mailbox = Mailbox(mailbox_user.account())
    try:
        [summary] = await mailbox.unread()
        assert summary.size > 50 * 1024 * 1024
        tracemalloc.start()
        body = await mailbox.body(summary)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    finally:
        await mailbox.close()
    assert body.text == "Photos from the site visit are attached."
    [attachment] = body.attachments
    assert attachment.name == "photos.zip" and attachment.size > 60 * 1024 * 1024  # base64 size
    assert peak < 5 * 1024 * 1024, f"reading the body allocated {peak / 1e6:.1f} MB"
