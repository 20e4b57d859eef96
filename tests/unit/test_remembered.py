"""The email remembered across agents (the briefing's place, the draft read back): a damaged
or missing note means nothing is remembered, never an error in the call."""

from __future__ import annotations

from mailvox.agent.conversation.remembered import RememberedMessage


def test_an_email_is_remembered_and_forgotten(tmp_path):
    note = RememberedMessage(tmp_path / "alice" / "place.json")
    assert note.recall() is None
    note.remember("<budget-1@example.com>")
    assert RememberedMessage(tmp_path / "alice" / "place.json").recall() == "<budget-1@example.com>"
    note.remember(None)
    assert note.recall() is None and not note.path.exists()


def test_a_damaged_note_is_nothing_remembered(tmp_path):
    for damaged in ("", "{", "[]", '{"id": 1}', '"text"'):
        (tmp_path / "place.json").write_text(damaged)
        assert RememberedMessage(tmp_path / "place.json").recall() is None, damaged
