"""Who a reply goes to: the sender, or everyone on the email but the user (`drafts.reply`)."""

from __future__ import annotations

from mailvox.agent.mail.accounts import MailAccount, ServerEndpoint
from mailvox.agent.mail.drafts import recipients, reply
from mailvox.agent.mail.types import Address, MessageSummary

ACCOUNT = MailAccount(
    identity="alex",
    address="alex@northwind.example",
    display_name="Alex Morgan",
    username="alex",
    imap=ServerEndpoint(host="127.0.0.1", port=1143),
)
BOB = Address("Bob Smith", "bob@northwind.example")
TEAM = Address("Platform Team", "platform@northwind.example")


def _email(to: list[Address], cc: list[Address]) -> MessageSummary:
    return MessageSummary(3, "INBOX", "<r@northwind.example>", BOB, to, cc, "Release", None, set(), 10)


def test_a_reply_goes_to_the_sender_alone():
    draft = reply(ACCOUNT, _email([Address("Alex Morgan", "alex@northwind.example")], [TEAM]), "Thursday.")
    assert [a.email for a in recipients(draft)] == ["bob@northwind.example"]


def test_reply_all_leaves_out_the_user_by_address_and_by_name_at_an_alias():
    # the mail came to an alias of the user's ("a.morgan@..."): their name still says it is them
    email = _email(
        [Address("Alex Morgan", "a.morgan@northwind.example"), Address("Priya N", "priya@northwind.example")],
        [TEAM, Address("", "alex@northwind.example")],
    )
    draft = reply(ACCOUNT, email, "Thursday.", reply_all=True)
    assert [a.email for a in recipients(draft)] == [
        "bob@northwind.example",
        "priya@northwind.example",
        "platform@northwind.example",
    ]
