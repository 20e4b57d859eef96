"""Understanding commuters: typed intents from the exact grammar and the intent model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mailvox.agent.conversation.intents import Intent, Slots
from mailvox.agent.conversation.slots import described_email
from mailvox.agent.conversation.understanding import (
    PHRASINGS,
    acts_without_asking,
    intent_model,
    is_sure,
    load_phrasings,
    understand,
)

# Measured on test.jsonl (278 phrasings) on 2025-12-02: 0.838 typed accuracy (grammar and model)
# with the first corpus; 0.896 with the hand-written additions and the spoken training rows.
MEASURED_ACCURACY = 0.896
MARGIN = 0.03


def test_the_model_reaches_its_measured_accuracy_on_the_test_phrasings():
    test = load_phrasings(PHRASINGS / "test.jsonl")
    right = sum(understand(p.text).name == p.intent for p in test)
    assert right / len(test) >= MEASURED_ACCURACY - MARGIN


def test_the_threshold_is_chosen_on_the_training_corpus():
    assert 0.05 <= intent_model().threshold < 1.0


@pytest.mark.parametrize(
    ("said", "name", "slots"),
    [
        ("hey wait, go back to that Bob email", "go_to", {"who": "bob"}),
        (
            "tell Sarah I'll send the numbers by Friday",
            "reply",
            {"who": "sarah", "words": "i'll send the numbers by friday"},
        ),
        ("don't send it yet", "cancel", {}),
        ("I don't want to hear from VendorX anymore", "mute", {"who": "vendorx"}),
        ("how many more are there", "remaining", {}),
        ("read me the full email", "read_all", {}),
    ],
)
def test_the_issues_phrasings_give_the_right_intent_and_slots(said, name, slots):
    intent = understand(said)
    assert (intent.name, intent.slots.as_dict()) == (name, slots)


@pytest.mark.parametrize(
    ("said", "who"),
    [("Go to the email from the IT Service Desk.", "it service desk"), ("Mute IT security", "it security")],
)
def test_it_before_a_department_word_is_the_it_department(said, who):
    assert understand(said).slots.who == who


@pytest.mark.parametrize(
    "said", ["mute him", "Mute her.", "mute them", "mute this one", "block it", "mute this sender"]
)
def test_a_pronoun_is_never_a_mute_target(said):
    intent = understand(said)
    assert intent.name == "mute" and intent.slots.who == ""


def test_a_destructive_guess_is_never_acted_on_without_a_question():
    guessed = Intent("delete", Slots(), confidence=0.99, source="model")
    assert not acts_without_asking(guessed)
    assert acts_without_asking(Intent("delete"))  # the exact grammar's "delete it"


def test_low_confidence_gives_a_question_not_an_action():
    mumbled = understand("blah blah banana")
    assert mumbled.source == "model" and not is_sure(mumbled) and not acts_without_asking(mumbled)


def test_mailvox_understand_json_prints_one_object_per_text():
    texts = ["next one please", "tell Sarah I'll send the numbers by Friday"]
    out = subprocess.run(
        [sys.executable, "-m", "mailvox.cli", "understand", *texts, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert [r["text"] for r in rows] == texts
    assert all(set(r) == {"text", "intent", "slots", "confidence"} for r in rows)
    assert rows[1]["intent"] == "reply" and rows[1]["slots"]["who"] == "sarah"
    assert all(isinstance(r["slots"], dict) and 0.0 <= r["confidence"] <= 1.0 for r in rows)


def test_the_trained_model_is_kept_per_corpus_and_a_damaged_copy_is_retrained(tmp_path, monkeypatch):
    from mailvox.agent.conversation import understanding

    monkeypatch.setenv("MAILVOX_HOME", str(tmp_path))
    understanding.intent_model.cache_clear()
    trained = understanding.intent_model()
    [kept] = (tmp_path / "cache").glob("intent-model-*.pickle")

    def no_training(phrasings):
        raise AssertionError("trained again although a copy was kept")

    understanding.intent_model.cache_clear()
    monkeypatch.setattr(understanding.IntentModel, "train", classmethod(lambda cls, p: no_training(p)))
    assert understanding.intent_model().threshold == trained.threshold
    kept.write_bytes(b"damaged")
    understanding.intent_model.cache_clear()
    monkeypatch.undo()
    monkeypatch.setenv("MAILVOX_HOME", str(tmp_path))
    assert understanding.intent_model().guess("next one please").name == "next"
    understanding.intent_model.cache_clear()


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("Sounds good, send it.", "send"),  # a confirmation's lead-in is still the exact send
        ("looks good send it", "send"),
        ("unflag it", "unflag"),
        ("take the flag off", "unflag"),
        ("get rid of the VendorX one", "delete"),  # acting on an email, not going to it
        ("star the IT one", "flag"),
        ("move on to the Bob one", "go_to"),
    ],
)
def test_acting_on_a_named_email_is_not_going_to_it(said, name):
    assert understand(said).name == name


@pytest.mark.parametrize(
    ("said", "described"),
    [
        ("archive the standup notes", "standup notes"),
        ("mark Jamie's lunch email unread and archive the standup notes", "standup notes"),
        ("archive the budget one", "budget"),
        ("archive it", ""),  # the current email
        ("flag that one", ""),
        ("delete the one from sarah", ""),  # a sender's, found by name
        ("move the IT email into archive", ""),
    ],
)
def test_the_email_an_action_describes(said, described):
    assert described_email(said) == described


@pytest.mark.parametrize(
    ("said", "name", "slots"),
    [
        # the caller's own words for someone, however the reply is asked for
        ("draft a reply to Priya saying 10:40 is good", "reply", {"who": "priya", "words": "10:40 is good"}),
        (
            "and one to Jamie saying sorry, can't do Wednesday",
            "reply",
            {"who": "jamie", "words": "sorry can't do wednesday"},
        ),
        ("write a quick note to Sarah saying I'm running late", "reply", {"who": "sarah", "words": "i'm running late"}),
        (
            "draft something nice for Bob about the release",
            "draft",
            {"who": "bob", "about": "something nice about the release"},
        ),
        # whose email, by the possessive alone, whatever reason follows
        ("actually, go back to Bob's, I should answer him", "go_to", {"who": "bob"}),
        ("jump to Priya's", "go_to", {"who": "priya"}),
    ],
)
def test_words_for_someone_and_an_email_by_its_owner(said, name, slots):
    intent = understand(said)
    assert (intent.name, intent.slots.as_dict()) == (name, slots)


def test_a_pronoun_is_never_an_owner_to_go_to():
    assert understand("go back to it's").name != "go_to"
