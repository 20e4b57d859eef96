"""The action gate with hand-made state: what "send it" needs, rules read back before they are
written, the admin's policy, and the audit trail each action leaves."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime

import pytest

from mailvox.agent.conversation.gate import Action, ActionGate, Outcome, spoken_day
from mailvox.agent.conversation.senders import rule_sender
from mailvox.agent.mail import AuditTrail, MessageSummary, Policy
from mailvox.agent.mail.accounts import load_accounts
from mailvox.agent.mail.types import Address

READ_BACK = "Here's your reply to Sarah Chen: Friday works. It's saved in your drafts. Shall I send it?"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def gate(tmp_path, **policy) -> tuple[ActionGate, Clock]:
    clock = Clock()
    return ActionGate(Policy(**policy), AuditTrail(tmp_path / "audit.jsonl"), "me@northwind.example", clock), clock


def send(to: str = "sarah@northwind.example", draft: str = "<d1@x>", said: str = "send it") -> Action:
    return Action("send", said, target=to, draft_id=draft)


def message(uid: int = 7, sender: str = "news@vendorx.example", name: str = "VendorX Updates") -> MessageSummary:
    return MessageSummary(uid, "INBOX", f"<m{uid}@x>", Address(name, sender), [], [], f"Subject {uid}", None, set(), 10)


def heard_read_back(g: ActionGate, draft: str = "<d1@x>") -> None:
    g.begin_turn(answered_yes=False)
    g.offered_read_back(draft, READ_BACK)
    g.heard(READ_BACK, interrupted=False)


def run(g: ActionGate, action: Action, done: str = "Sent.", result: str = "done", undoable: bool = False):
    async def perform() -> Outcome:
        return Outcome(done, result, undoable)

    return asyncio.run(g.act(action, perform))


def test_send_it_after_the_read_back_was_heard_to_the_end_sends(tmp_path):
    g, _ = gate(tmp_path)
    heard_read_back(g)
    g.begin_turn(answered_yes=False)
    verdict = run(g, send())
    assert verdict.go and verdict.say == "Sent."
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    assert (record.action, record.said, record.result, record.target) == (
        "send",
        "send it",
        "done",
        "sarah@northwind.example",
    )


def test_a_bare_yes_answers_the_read_back_only_when_begun_after_it_was_heard(tmp_path):
    g, clock = gate(tmp_path)
    g.offered_read_back("<d1@x>", READ_BACK)
    assert not g.answered_read_back(None)  # still being read
    clock.now += 4
    g.heard(READ_BACK, interrupted=False)
    assert g.answered_read_back(clock.now + 0.5)  # "Shall I send it?" "Yes."
    assert not g.answered_read_back(clock.now - 1)  # a "yeah" said while listening
    assert g.answered_read_back(None)  # typed: no voice to time
    g.offered_read_back("<d2@x>", READ_BACK)
    g.heard(READ_BACK, interrupted=True)
    assert not g.answered_read_back(clock.now + 1)  # spoken over: not heard to the end


def test_send_it_over_a_read_back_that_was_spoken_over_reads_it_again(tmp_path):
    g, _ = gate(tmp_path)
    g.offered_read_back("<d1@x>", READ_BACK)
    g.heard(READ_BACK[:30], interrupted=True)  # what was said before the caller barged in
    g.heard(READ_BACK, interrupted=False)  # a later full playout does not undo the barge-in
    verdict = g.check(send())
    assert not verdict.go and verdict.read_back and "didn't hear it to the end" in verdict.say


def test_send_it_before_the_read_back_finished_playing_reads_it_again(tmp_path):
    g, _ = gate(tmp_path)
    g.offered_read_back("<d1@x>", READ_BACK)  # generated, not yet heard
    assert g.check(send()).read_back


def test_send_it_for_another_version_of_the_draft_reads_the_new_one_back(tmp_path):
    g, _ = gate(tmp_path)
    heard_read_back(g, draft="<d1@x>")
    verdict = g.check(send(draft="<d2@x>"))  # edited since: a new Message-ID
    assert not verdict.go and verdict.read_back


def test_send_it_after_moving_to_another_email_reads_it_again(tmp_path):
    g, _ = gate(tmp_path)
    heard_read_back(g)
    g.moved_on()
    verdict = g.check(send())
    assert verdict.read_back and "moved on" in verdict.say


def test_send_it_after_the_time_limit_reads_it_again(tmp_path):
    g, clock = gate(tmp_path, send_confirm_s=120)
    heard_read_back(g)
    clock.now += 119
    assert g.check(send()).go
    clock.now += 2
    verdict = g.check(send())
    assert verdict.read_back and "a while" in verdict.say


def test_an_announcement_in_between_does_not_count_as_the_read_back(tmp_path):
    g, _ = gate(tmp_path)
    g.offered_read_back("<d1@x>", READ_BACK)
    g.heard("New email from Bob: Lunch. Say next to hear it.", interrupted=False)
    assert g.check(send()).read_back
    g.heard(f"We got cut off. {READ_BACK}", interrupted=False)  # said again, heard whole
    assert g.check(send()).go


def test_sending_off_refuses_and_is_audited(tmp_path):
    g, _ = gate(tmp_path, sending=False)
    heard_read_back(g)
    verdict = run(g, send())
    assert not verdict.go and "turned off sending" in verdict.say
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    assert record.result.startswith("refused: Your administrator has turned off sending")


def test_an_outside_recipient_needs_a_yes_when_the_policy_says_confirm(tmp_path):
    g, _ = gate(tmp_path, outside_sends="confirm")
    heard_read_back(g)
    g.begin_turn(answered_yes=False)
    asked = run(g, send("dana@partner.example"))
    assert asked.asked and asked.say == "It goes outside your company, to dana@partner.example. Shall I send it?"
    g.begin_turn(answered_yes=True)
    sent = run(g, send("dana@partner.example", said="yes"))
    assert sent.go
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    assert record.said == "send it / yes"


def test_a_yes_counts_only_right_after_its_question(tmp_path):
    g, _ = gate(tmp_path, outside_sends="confirm")
    heard_read_back(g)
    assert run(g, send("dana@partner.example")).asked
    g.begin_turn(answered_yes=False)  # "next" in between
    g.begin_turn(answered_yes=True)
    assert run(g, send("dana@partner.example")).asked  # asked again, not sent


def test_outside_sends_refused_and_allowed_by_policy(tmp_path):
    refuse, _ = gate(tmp_path, outside_sends="refuse")
    heard_read_back(refuse)
    assert "doesn't allow sending outside" in refuse.check(send("dana@partner.example")).say
    allow, _ = gate(tmp_path, outside_sends="allow")
    heard_read_back(allow)
    assert allow.check(send("dana@partner.example")).go


def test_internal_domains_from_the_policy_are_not_outside(tmp_path):
    g, _ = gate(tmp_path, internal_domains=["northwind.example", "northwind-labs.example"])
    assert g.outside(["a@northwind-labs.example", "b@partner.example"]) == ["b@partner.example"]


def test_a_rule_is_read_back_and_written_only_after_yes(tmp_path):
    g, _ = gate(tmp_path)
    g.begin_turn(answered_yes=False)
    mute = Action("mute", "mute vendorx", target="news@vendorx.example")
    asked = run(g, mute, "Muted.", undoable=True)
    assert asked.asked and asked.say == "Mute news@vendorx.example?"
    assert AuditTrail(tmp_path / "audit.jsonl").records() == []  # a question is not yet an action
    g.begin_turn(answered_yes=True)
    done = run(g, Action("mute", "yes", target="news@vendorx.example"), "Muted.", undoable=True)
    assert done.go and g.last_action is not None and g.last_action.kind == "mute"


def test_a_rule_for_a_word_rather_than_an_address_is_refused(tmp_path):
    g, _ = gate(tmp_path)
    assert not g.check(Action("mute", "mute the", target="the")).go


def test_bulk_actions_are_asked_about_first(tmp_path):
    g, _ = gate(tmp_path, bulk_confirm_over=1)
    g.begin_turn(answered_yes=False)
    many = Action("archive", "archive everything from vendorx", (message(1), message(2), message(3)))
    asked = run(g, many, "Archived.")
    assert asked.asked and asked.say == "That's 3 emails. Shall I archive them all?"
    g.begin_turn(answered_yes=True)
    assert run(g, many, "Archived.").go
    assert g.check(Action("archive", "archive it", (message(4),))).go  # one at a time needs no question


def test_the_audit_names_the_message_where_it_was_before_the_action(tmp_path):
    g, _ = gate(tmp_path)
    target = message(42)

    async def trash() -> Outcome:
        target.folder, target.uid = "Trash", 3  # as Mailbox.move updates it
        return Outcome("Moved to Trash.", undoable=True)

    asyncio.run(g.act(Action("delete", "delete it", (target,)), trash))
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    [audited] = record.messages
    assert (audited.folder, audited.uid, audited.message_id, audited.subject) == ("INBOX", 42, "<m42@x>", "Subject 42")
    assert record.undoable


def test_a_failed_action_is_audited_and_raised(tmp_path):
    g, _ = gate(tmp_path)

    async def broken() -> Outcome:
        raise ConnectionError("gone")

    with pytest.raises(ConnectionError):
        asyncio.run(g.act(Action("flag", "flag it", (message(),)), broken))
    [record] = AuditTrail(tmp_path / "audit.jsonl").records()
    assert record.result == "failed: ConnectionError" and not record.undoable


def test_the_audit_file_is_json_lines_and_a_torn_last_line_is_skipped(tmp_path):
    g, _ = gate(tmp_path)
    run(g, Action("flag", "flag it", (message(),)), "Flagged.", undoable=True)
    path = tmp_path / "audit.jsonl"
    row = json.loads(path.read_text().splitlines()[0])
    assert row["action"] == "flag" and row["said"] == "flag it" and datetime.fromisoformat(row["at"]).tzinfo
    with path.open("a") as f:
        f.write('{"at": "2026-')  # a crash mid-write
    assert len(AuditTrail(path).records()) == 1


def test_what_did_i_do_today_lists_what_was_done(tmp_path):
    g, _ = gate(tmp_path)
    run(g, Action("archive", "archive it", (message(1),)), "Archived.", undoable=True)
    g.begin_turn(answered_yes=True)
    run(g, Action("mute", "yes", target="news@vendorx.example"), "Muted.")  # asked first: not done
    g.begin_turn(answered_yes=False)
    assert g.today() == "Today you archived 'Subject 1'."
    assert spoken_day([]) == "You haven't done anything to your mail by voice today."


def test_the_read_aloud_policy_names_folders(tmp_path):
    g, _ = gate(tmp_path, read_aloud_folders=["INBOX"])
    assert g.may_read_aloud("inbox") and not g.may_read_aloud("Finance")
    assert gate(tmp_path)[0].may_read_aloud("Finance")  # no list: every folder


def test_the_accounts_file_policy_is_a_default_each_account_can_change(tmp_path):
    path = tmp_path / "accounts.yaml"
    path.write_text(
        "policy:\n  outside_sends: refuse\n  bulk_confirm_over: 5\n"
        "accounts:\n"
        "  alex:\n    address: alex@x.example\n    username: alex\n    imap: {host: h, port: 993}\n"
        "  sam:\n    address: sam@x.example\n    username: sam\n    imap: {host: h, port: 993}\n"
        "    policy: {sending: false}\n"
    )
    accounts = load_accounts(path)
    assert accounts["alex"].policy == Policy(outside_sends="refuse", bulk_confirm_over=5)
    assert accounts["sam"].policy == Policy(outside_sends="refuse", bulk_confirm_over=5, sending=False)


@pytest.mark.parametrize("spoken", ["him", "it", "the", "this one", "that"])
def test_pronouns_and_stop_words_name_no_rule_sender(spoken):
    async def never(_: str) -> list[MessageSummary]:
        raise AssertionError("no search for a pronoun")

    resolved = asyncio.run(rule_sender(spoken, message(), [message()], never))
    assert resolved.address == "" and "Whose mail" in resolved.problem


def test_a_rule_sender_is_the_current_emails_address_or_the_one_sender_matching_the_name():
    async def nothing(_: str) -> list[MessageSummary]:
        return []

    vendor, sarah = message(1), message(2, "sarah.chen@northwind.example", "Sarah Chen")
    assert asyncio.run(rule_sender("", vendor, [vendor, sarah], nothing)).address == "news@vendorx.example"
    assert asyncio.run(rule_sender("vendorx", None, [vendor, sarah], nothing)).address == "news@vendorx.example"
    assert "can't find mail from zebedee" in asyncio.run(rule_sender("zebedee", None, [vendor], nothing)).problem
    other = message(3, "sarah.park@northwind.example", "Sarah Park")
    assert "More than one sender" in asyncio.run(rule_sender("sarah", None, [sarah, other], nothing)).problem
    # an address names only itself, never its whole domain
    assert asyncio.run(rule_sender("sarah.chen@northwind.example", None, [sarah, other], nothing)).address == (
        "sarah.chen@northwind.example"
    )


def test_the_admin_reads_a_users_audit_trail_with_mailvox_audit(tmp_path, capsys):
    from mailvox.cli import main

    accounts = tmp_path / "accounts.yaml"
    accounts.write_text(
        "accounts:\n  alex:\n    address: alex@x.example\n    username: alex\n    imap: {host: h, port: 1}\n"
    )
    g = ActionGate(Policy(), AuditTrail(tmp_path / "state" / "alex" / "audit.jsonl"), "alex@x.example")
    run(g, Action("flag", "flag it", (message(),)), "Flagged.", undoable=True)
    base = ["audit", "alex", "--accounts-file", str(accounts), "--state-dir", str(tmp_path / "state")]
    assert main(base) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["said"] == "flag it" and json.loads(line)["messages"][0]["uid"] == 7
    assert main([*base, "--since", "2999-01-01"]) == 0 and capsys.readouterr().out == ""
    assert main(["audit", "nobody", "--accounts-file", str(accounts)]) == 2
