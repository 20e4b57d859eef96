"""Rules on the real Dovecot/Pigeonhole through ManageSieve (proven by delivering through
dovecot-lda), the local fallback, and new-mail notices over IMAP IDLE."""

from __future__ import annotations

import asyncio

from mailvox.agent.mail.accounts import ServerEndpoint
from mailvox.agent.mail.idle import NewMailWatcher
from mailvox.agent.mail.rules import LocalRules, Rule, SieveRules, apply_rules, prepare_folder, rules_for

NEWSLETTER = (
    b"From: VendorX Updates <news@vendorx.example>\r\nTo: someone@northwind.example\r\n"
    b"Subject: VendorX weekly\r\nMessage-ID: <weekly-%d@vendorx.example>\r\n\r\nNew features.\r\n"
)


def with_sieve(mailbox_user, dovecot):
    account = mailbox_user.account()
    account.sieve = ServerEndpoint(host="127.0.0.1", port=dovecot.sieve_port, security="none")
    return account


async def flags_of(mailbox, folder: str = "INBOX") -> dict[str, set]:
    def run(client):
        client.select_folder(folder, readonly=True)
        data = client.fetch(client.search(["ALL"]), ["FLAGS", "BODY.PEEK[HEADER.FIELDS (SUBJECT)]"])
        return {
            v[b"BODY[HEADER.FIELDS (SUBJECT)]"].decode().strip(): {f.decode() for f in v[b"FLAGS"]}
            for v in data.values()
        }

    return await mailbox.imap.call(run)


async def test_server_side_mute_rule_marks_new_mail_from_the_sender_read(mailbox_user, dovecot, tmp_path):
    from mailvox.agent.mail.mailbox import Mailbox

    account = with_sieve(mailbox_user, dovecot)
    rules = await rules_for(account, tmp_path / "rules.json")
    assert rules.kind == "server"
    await rules.add(Rule("mute", "vendorx"))
    assert await rules.list() == [Rule("mute", "vendorx")]

    dovecot.deliver_lda(account.identity, NEWSLETTER % 1)
    dovecot.deliver_lda(account.identity, b"From: sarah.chen@northwind.example\r\nSubject: Budget\r\n\r\nHi\r\n")
    mailbox = Mailbox(account)
    flags = await flags_of(mailbox)
    assert "\\Seen" in flags["Subject: VendorX weekly"]
    assert "\\Seen" not in flags["Subject: Budget"]
    await mailbox.close()


async def test_server_side_file_and_flag_rules_act_on_delivery_and_can_be_deleted(mailbox_user, dovecot, tmp_path):
    from mailvox.agent.mail.mailbox import Mailbox

    account = with_sieve(mailbox_user, dovecot)
    mailbox = Mailbox(account)
    rules = SieveRules(account)
    filing = Rule("file", "vendorx", "Newsletters")
    await prepare_folder(mailbox.imap, filing)
    await rules.add(filing)
    await rules.add(Rule("flag", "sarah.chen@northwind.example"))
    dovecot.deliver_lda(account.identity, NEWSLETTER % 2)
    dovecot.deliver_lda(account.identity, b"From: sarah.chen@northwind.example\r\nSubject: Budget\r\n\r\nHi\r\n")
    assert list(await flags_of(mailbox, "Newsletters")) == ["Subject: VendorX weekly"]
    assert "\\Flagged" in (await flags_of(mailbox))["Subject: Budget"]

    assert await rules.delete(filing) is True
    assert await rules.list() == [Rule("flag", "sarah.chen@northwind.example")]
    dovecot.deliver_lda(account.identity, NEWSLETTER % 3)
    assert "Subject: VendorX weekly" in await flags_of(mailbox)  # filed no more
    await mailbox.close()


async def test_without_managesieve_rules_are_kept_locally_and_say_so(mailbox_user, tmp_path):
    account = mailbox_user.account()  # no sieve endpoint
    rules = await rules_for(account, tmp_path / "rules.json")
    assert isinstance(rules, LocalRules) and rules.kind == "local"
    await rules.add(Rule("mute", "vendorx"))
    await rules.add(Rule("mute", "vendorx"))  # the same rule twice is one rule
    assert await LocalRules(tmp_path / "rules.json").list() == [Rule("mute", "vendorx")]
    assert await rules.delete(Rule("mute", "vendorx")) and await rules.list() == []


async def test_mailvox_never_replaces_a_sieve_script_the_user_already_has(mailbox_user, dovecot, tmp_path):
    account = with_sieve(mailbox_user, dovecot)
    client = SieveRules(account)._client()
    client.putscript("my-own", 'require ["fileinto"];\nif header :contains "subject" "x" { fileinto "X"; }\n')
    client.setactive("my-own")
    client.logout()
    assert (await rules_for(account, tmp_path / "rules.json")).kind == "local"


async def test_the_briefing_honours_mute_and_flag_rules_for_mail_already_there(demo_copy):
    unread = await demo_copy.unread()
    kept, important = apply_rules([Rule("mute", "vendorx"), Rule("flag", "sarah")], unread)
    assert "VendorX Updates" not in [m.sender.name for m in kept]
    assert {m.sender.name for m in kept if (m.mailbox, m.uid) in important} == {"Sarah Chen"}


async def test_new_mail_is_announced_and_the_watch_survives_a_server_restart(mailbox_user, dovecot):
    account = mailbox_user.account()
    watcher = NewMailWatcher(account, reidle_s=1.0, check_s=0.3, max_backoff_s=0.5)
    await watcher.start()
    try:
        await asyncio.sleep(1.5)  # at least one re-IDLE has happened
        dovecot.deliver_lda(
            account.identity, b"From: Sarah Chen <sarah.chen@northwind.example>\r\nSubject: Quick one\r\n\r\nHi\r\n"
        )
        first = await asyncio.wait_for(watcher.queue.get(), timeout=15)
        assert (first.sender.name, first.subject) == ("Sarah Chen", "Quick one")

        dovecot.restart()
        dovecot.deliver_lda(
            account.identity, b"From: Bob <bob.smith@northwind.example>\r\nSubject: After the restart\r\n\r\nHi\r\n"
        )
        second = await asyncio.wait_for(watcher.queue.get(), timeout=30)
        assert second.subject == "After the restart"
        assert watcher.connections >= 2
    finally:
        await watcher.stop()
