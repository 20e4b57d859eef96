"""Small helpers the mail and conversation tests share."""

from __future__ import annotations


async def folder_subjects(mailbox, kind: str) -> list[str]:
    """Sorted subjects of every message in a special folder (drafts, sent, trash, archive)."""

    def run(client):
        client.select_folder(mailbox.imap.folder(kind), readonly=True)
        data = client.fetch(client.search(["ALL"]), ["BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return sorted(
            v[b"BODY[HEADER.FIELDS (SUBJECT)]"].decode().strip().removeprefix("Subject: ") for v in data.values()
        )

    return await mailbox.imap.call(run)


async def deliver_and_rebrief(assistant, mailbox, dovecot, raw: bytes) -> None:
    """New mail arrives, and the assistant's briefing is built again to include it."""
    from mailvox.agent.conversation.briefing import Briefing
    from mailvox.agent.mail.briefing import build_briefing

    dovecot.deliver(mailbox.account.identity, raw)
    assistant.briefing = Briefing.of(await build_briefing(mailbox, rules=[]))


async def until_greeted(running) -> None:
    """Wait (up to 30 s) for the agent's greeting, as a caller would before speaking."""
    import asyncio

    async with asyncio.timeout(30):
        while not any(item.type == "message" and item.role == "assistant" for item in running.history.items):
            await asyncio.sleep(0.05)


async def said(running, text: str) -> str:
    """The assistant's answer to one typed turn in a running AgentSession."""
    result = await running.run(user_input=text)
    return result.expect.next_event().is_message(role="assistant").event().item.text_content
