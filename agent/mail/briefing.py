"""The first briefing: unread mail, rules honoured, in priority order with reasons.

Its work grows with the unread mail and a bounded look at Sent, never with the mailbox size.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from imapclient import IMAPClient

from .invitations import on_the_users_clock
from .mailbox import Mailbox, fetch_summaries
from .rules import Rule, apply_rules
from .triage import Context, Triaged, prioritize
from .types import MessageBody, MessageSummary

SENT_LOOKBACK = 200  # recent sent messages that tell who the user writes to


async def context_from_sent(mailbox: Mailbox, important: set[tuple[str, int]]) -> Context:
    """What the user's Sent folder says about them: who they write to and which threads are theirs.

    Raises MailError (via the mailbox's connection) when the server cannot be read.
    """

    def newest_sent(box: Mailbox) -> Callable[[IMAPClient], list[MessageSummary]]:
        def run(client: IMAPClient) -> list[MessageSummary]:
            folder = box.imap.folder("sent")
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search(["ALL"]), reverse=True)[:SENT_LOOKBACK]
            return fetch_summaries(client, folder, uids, box.name)

        return run

    # what the user sent from a shared mailbox they read is theirs too
    boxes = [mailbox, *mailbox.others.values()]
    sent = [s for each in await asyncio.gather(*(box.imap.call(newest_sent(box)) for box in boxes)) for s in each]
    context = Context.for_account(
        mailbox.account,
        correspondents={a.email for s in sent for a in [*s.to, *s.cc]},
        my_message_ids={s.message_id for s in sent if s.message_id},
        important=important,
    )
    for address in (a for s in sent for a in [*s.to, *s.cc] if a.name):
        context.know(address.name, address.email)  # a stranger using their name is then noticed
    return context


async def build_briefing(mailbox: Mailbox, rules: list[Rule], limit: int = 50) -> list[Triaged]:
    """The newest `limit` unread messages that no rule mutes, most important first.

    Reads never mark anything read. Raises MailError when the server cannot be read.
    """
    unread = await mailbox.unread(limit=limit)
    kept, important = apply_rules(rules, unread)
    # Everything in INBOX first, then Sent: one folder switch (each SELECT costs the server).
    bodies = await mailbox.bodies(kept)
    context = await context_from_sent(mailbox, important)
    triaged = prioritize([(m, b.text) for m, b in zip(kept, bodies, strict=True)], context)
    return _with_invitations(mailbox, triaged, kept, bodies)


def _with_invitations(
    mailbox: Mailbox, triaged: list[Triaged], messages: list[MessageSummary], bodies: list[MessageBody]
) -> list[Triaged]:
    """Each invitation's meeting on its triaged mail, its times on the user's clock."""
    body_of = {id(m): b for m, b in zip(messages, bodies, strict=True)}
    zone = mailbox.account.zone()
    for each in triaged:
        if (invitation := body_of[id(each.message)].invitation) is not None:
            each.invitation = on_the_users_clock(invitation, zone)
    return triaged


async def brief_found(mailbox: Mailbox, messages: list[MessageSummary]) -> list[Triaged]:
    """Messages asked for by name or by a search, triaged like the briefing's (no rule mutes
    what was asked for), in the order given; their bodies in one fetch and Sent read once."""
    if not messages:
        return []
    bodies = await mailbox.bodies(messages)
    triaged = prioritize(
        [(m, b.text) for m, b in zip(messages, bodies, strict=True)], await context_from_sent(mailbox, set())
    )
    _with_invitations(mailbox, triaged, messages, bodies)
    order = {id(message): index for index, message in enumerate(messages)}
    return sorted(triaged, key=lambda t: order[id(t.message)])


async def brief_arrival(mailbox: Mailbox, rules: list[Rule], message: MessageSummary) -> Triaged | None:
    """A message that just arrived, triaged like the rest; None when a rule mutes it."""
    kept, important = apply_rules(rules, [message])
    if not kept:
        return None
    [body] = await mailbox.bodies(kept)
    [triaged] = prioritize([(kept[0], body.text)], await context_from_sent(mailbox, important))
    return _with_invitations(mailbox, [triaged], kept, [body])[0]
