"""The action gate: every outbound, destructive and rule-making action passes here.

Before anything is done to the user's mail the gate checks the admin's Policy and the
confirmation the action needs; then it runs the action and writes an audit record, whatever
the outcome. Nothing here talks to a mail server: the caller hands in what to run.

"Send it" counts only for the exact draft version that was read back, when that read-back was
heard to its end (not spoken over), with no move to another email since, and within the
policy's time limit; otherwise the caller is told so and hears the draft again. A rule is made
only for a full address, after "Mute news@vendorx.example?" was answered yes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from mailvox.agent.mail import AuditedMessage, AuditRecord, AuditTrail, MessageSummary, Policy

from .spoken import listed

ActionKind = Literal[
    "send", "delete", "archive", "flag", "unflag", "read", "unread", "mute", "unmute", "undo", "forward", "move"
]
RULE_ACTIONS = frozenset({"mute", "unmute"})
SENDS = frozenset({"send", "forward"})  # a draft read back goes out: a reply, or a forward
# What each action is called in the caller's day ("you archived Bob's email").
DONE_AS = {
    "send": "sent a reply",
    "delete": "moved to Trash",
    "archive": "archived",
    "flag": "flagged",
    "unflag": "unflagged",
    "read": "marked read",
    "unread": "marked unread",
    "mute": "muted",
    "unmute": "unmuted",
    "undo": "undid",
    "forward": "forwarded an email",
    "move": "moved",
}


# What a bulk action is asked as ("Shall I archive them all?").
ASKED_AS = {"delete": "move to Trash", "read": "mark read", "unread": "mark unread"}


@dataclass(frozen=True)
class Action:
    """One thing the caller asked to have done to their mail."""

    kind: ActionKind
    said: str  # the words that asked for it
    messages: tuple[MessageSummary, ...] = ()
    target: str = ""  # a rule's sender address; a reply's recipients
    draft_id: str = ""  # for a send or forward: the Message-ID of the draft version

    @property
    def key(self) -> str:
        """What a question about this action was about: a yes confirms exactly that."""
        uids = ",".join(f"{m.mailbox}/{m.folder}/{m.uidvalidity}/{m.uid}" for m in self.messages)
        return f"{self.kind}|{self.target}|{self.draft_id}|{uids}"


@dataclass(frozen=True)
class Verdict:
    """Whether to go ahead; if not, what to say instead."""

    go: bool
    say: str = ""
    asked: bool = False  # `say` is a question: a "yes" next carries the same action out
    read_back: bool = False  # `say` comes before the draft read back again


GO = Verdict(True)


@dataclass
class Outcome:
    """What running an action gave: the words to say and what the audit records."""

    said: str
    result: str = "done"
    undoable: bool = False


@dataclass
class _ReadBack:
    draft_id: str
    text: str
    offered_at: float
    heard_at: float | None = None
    spoken_over: bool = False
    moved_on: bool = False


@dataclass
class _Question:
    key: str
    said: str  # the words of the request that was asked about


@dataclass
class ActionGate:
    """One caller's gate: their policy, their audit trail, the draft read back, the question
    asked. `clock` is seconds, monotonic (tests pass their own)."""

    policy: Policy
    audit: AuditTrail
    own_address: str
    clock: Callable[[], float] = time.monotonic
    _read_back: _ReadBack | None = None
    _question: _Question | None = None
    _yes: bool = False  # this turn is the caller's yes to the gate's question
    last_undoable: AuditRecord | None = None
    _last_action: Action | None = field(default=None, repr=False)
    # when this call began, to the second the audit keeps: "what did I just do?" looks no further back
    opened: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))

    # --- what the caller heard and said ------------------------------------------------

    def begin_turn(self, *, answered_yes: bool) -> None:
        """A new request: a question the gate asked stands only if this turn says yes to it."""
        self._yes = answered_yes and self._question is not None
        if not self._yes:
            self._question = None

    def offered_read_back(self, draft_id: str, text: str) -> None:
        """The draft `draft_id` is being read back with these words."""
        self._read_back = _ReadBack(draft_id, text, self.clock())

    def heard(self, text: str, *, interrupted: bool) -> None:
        """The agent finished saying `text` (interrupted: the caller spoke over it, or it was
        cut off). Only the read-back's own playout counts."""
        read_back = self._read_back
        if read_back is None or read_back.heard_at is not None or read_back.spoken_over:
            return
        if interrupted:
            read_back.spoken_over = True
        elif " ".join(read_back.text.split()) in " ".join(text.split()):
            read_back.heard_at = self.clock()

    def answered_read_back(self, began_at: float | None) -> bool:
        """Whether a bare "yes" answers the read-back: it was heard to its end and the caller began
        speaking after it ended (a "yeah" said while listening answers nothing). `began_at` is on
        this gate's clock; None where no voice was heard (a typed turn)."""
        read_back = self._read_back
        if read_back is None or read_back.heard_at is None or read_back.spoken_over:
            return False
        return began_at is None or began_at >= read_back.heard_at

    def moved_on(self) -> None:
        """The caller went to another email: a read-back before it no longer counts."""
        if self._read_back is not None:
            self._read_back.moved_on = True

    def forget_draft(self) -> None:
        """The draft was sent or put away."""
        self._read_back = None

    # --- checks ---------------------------------------------------------------------------

    def may_read_aloud(self, folder: str) -> bool:
        allowed = self.policy.read_aloud_folders
        return allowed is None or folder.lower() in {f.lower() for f in allowed}

    def outside(self, addresses: list[str]) -> list[str]:
        """The addresses outside the company (the policy's internal domains, else the user's)."""
        domains = {d.lower().lstrip("@") for d in self.policy.internal_domains} or {
            self.own_address.rsplit("@", 1)[-1].lower()
        }
        return [a for a in addresses if a.rsplit("@", 1)[-1].lower() not in domains]

    def check(self, action: Action) -> Verdict:
        """Whether the action may go ahead now, or what to say instead."""
        if action.kind in SENDS:
            return self._check_send(action)
        if action.kind in RULE_ACTIONS:
            return self._check_rule(action)
        if action.kind == "undo":
            return GO  # puts back what was done; the action itself was checked
        if len(action.messages) > self.policy.bulk_confirm_over and not self._consented(action):
            verb, count = ASKED_AS.get(action.kind, action.kind), len(action.messages)
            which = (
                "That's one email. Shall I {} it?" if count == 1 else f"That's {count} emails. Shall I {{}} them all?"
            )
            return self._ask(action, which.format(verb))
        return GO

    def _check_send(self, action: Action) -> Verdict:
        if not self.policy.sending:
            return Verdict(False, "Your administrator has turned off sending by voice. It stays in your drafts.")
        read_back = self._read_back
        if read_back is None or read_back.draft_id != action.draft_id:
            return Verdict(False, "Before I send it, here it is.", read_back=True)
        if read_back.spoken_over or read_back.heard_at is None:
            return Verdict(False, "You didn't hear it to the end, so here it is again.", read_back=True)
        if read_back.moved_on:
            return Verdict(False, "We've moved on since I read it back, so here it is again.", read_back=True)
        if self.clock() - read_back.heard_at > self.policy.send_confirm_s:
            return Verdict(False, "It's been a while since I read it back, so here it is again.", read_back=True)
        outside = self.outside([a.strip() for a in action.target.split(",") if a.strip()])
        if outside and self.policy.outside_sends == "refuse":
            return Verdict(
                False,
                f"Your administrator doesn't allow sending outside the company by voice, and {', '.join(outside)} "
                "is outside. It stays in your drafts.",
            )
        if outside and self.policy.outside_sends == "confirm" and not self._consented(action):
            return self._ask(action, f"It goes outside your company, to {', '.join(outside)}. Shall I send it?")
        return GO

    def _check_rule(self, action: Action) -> Verdict:
        if "@" not in action.target or " " in action.target:
            return Verdict(False, "Whose mail? Say the sender's name.")
        if self._consented(action):
            return GO
        return self._ask(action, f"{action.kind.capitalize()} {action.target}?")

    def ask_first(self, action: Action, question: str) -> Verdict:
        """The agent's own question about an action ("Did you want me to flag Bob's and Sarah's
        emails?"), which a yes next turn answers for the gate's checks too."""
        return self._ask(action, question)

    def _consented(self, action: Action) -> bool:
        return self._yes and self._question is not None and self._question.key == action.key

    def _ask(self, action: Action, question: str) -> Verdict:
        self._question = _Question(action.key, action.said)
        return Verdict(False, question, asked=True)

    # --- carrying it out ------------------------------------------------------------------

    async def act(self, action: Action, perform: Callable[[], Awaitable[Outcome]]) -> Verdict:
        """Check the action, run it if allowed, and audit it (refusals and failures too; a
        question is not yet an action). Returns GO-with-words when it ran. Whatever `perform`
        raises is audited as a failure and raised again."""
        verdict = self.check(action)
        touched = [AuditedMessage.of(m) for m in action.messages]  # where they are before it is done
        said = action.said
        if self._yes and self._question is not None:
            said = f"{self._question.said} / {action.said}"  # the request, then the yes
        if not verdict.go:
            if not verdict.asked and not verdict.read_back:
                self._record(action, said, f"refused: {verdict.say}", touched, undoable=False)
            return verdict
        self._question = None
        self._yes = False
        try:
            outcome = await perform()
        except Exception as exc:
            failure = getattr(exc, "spoken", "") or type(exc).__name__
            self._record(action, said, f"failed: {failure}", touched, undoable=False)
            raise
        record = self._record(action, said, outcome.result, touched, undoable=outcome.undoable)
        if action.kind == "undo":
            self.last_undoable = None
        elif outcome.undoable:
            self.last_undoable, self._last_action = record, action
        if action.kind in SENDS and outcome.result == "done":
            self.forget_draft()
        return Verdict(True, outcome.said)

    @property
    def last_action(self) -> Action | None:
        """The last action that can still be undone, if any."""
        return self._last_action if self.last_undoable is not None else None

    def _record(
        self, action: Action, said: str, result: str, touched: list[AuditedMessage], *, undoable: bool
    ) -> AuditRecord:
        record = AuditRecord(
            at=datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
            action=action.kind,
            said=said,
            result=result,
            messages=touched,
            target=action.target,
            undoable=undoable,
        )
        self.audit.append(record)
        return record

    # --- the caller's day -----------------------------------------------------------------

    def today(self, action: str = "") -> str:
        """What was done by voice since midnight (local time), said in a sentence or two; of
        one kind of action only, where `action` names it ("did I flag anything?")."""
        midnight = datetime.now().astimezone().replace(hour=0, minute=0, second=0, microsecond=0)
        records = self.audit.records(since=midnight)
        if not action:
            return spoken_day(records)
        kinds = {"send", "forward"} if action == "send" else {action}  # "have I sent anything?": forwards too
        done = [r for r in records if _done(r) and r.action in kinds]
        if not done:
            return f"You haven't {NONE_AS.get(action, DONE_AS.get(action, action))} anything by voice today."
        return spoken_day(done)

    def just_done(self) -> str:
        """ "What did I just archive?": the last thing done by voice on this call."""
        done = [r for r in self.audit.records(since=self.opened) if _done(r)]
        if not done:
            return "I haven't changed anything in your mail on this call."
        return f"You just {_spoken(done[-1])}."


# "You haven't sent anything": an action's word where nothing was done.
NONE_AS = {"send": "sent", "delete": "deleted", "forward": "forwarded"}
# What an undo took back, said after "undid".
UNDONE_AS = {
    "archive": "archiving",
    "delete": "moving to Trash",
    "move": "moving",
    "flag": "flagging",
    "unflag": "unflagging",
    "read": "marking as read",
    "unread": "marking as unread",
    "mute": "muting",
    "unmute": "unmuting",
}


def _done(record: AuditRecord) -> bool:
    return record.result == "done" or record.result.startswith("partly")


def _spoken(record: AuditRecord) -> str:
    """ "archived 'Lunch'", "muted news@vendorx.example", "sent a reply to Sarah Chen"."""
    what = DONE_AS.get(record.action, record.action)
    if record.action in SENDS:
        return f"{what} to {record.target}"
    if record.action == "undo":  # "undid archiving 'Q3 budget numbers'": what was put back
        undone = UNDONE_AS.get(record.target, record.target)
        return f"{what} {undone} {record.messages[0].subject!r}" if record.messages else f"{what} {undone}"
    if record.action in RULE_ACTIONS:
        return f"{what} {record.target}"
    if record.messages:
        subject = record.messages[0].subject or "an email without a subject"
        more = f" and {len(record.messages) - 1} more" if len(record.messages) > 1 else ""
        return f"{what} {subject!r}{more}"
    return what


def spoken_day(records: list[AuditRecord]) -> str:
    """ "Today you archived 'Lunch', muted news@vendorx.example and sent a reply to Sarah Chen." """
    done = [r for r in records if _done(r)]
    if not done:
        return "You haven't done anything to your mail by voice today."
    parts = [_spoken(record) for record in done[-8:]]  # the latest; a whole day's list is too long to hear
    earlier = len(done) - len(parts)
    return f"Today you {listed(parts)}." + (f" And {earlier} things before that." if earlier else "")
