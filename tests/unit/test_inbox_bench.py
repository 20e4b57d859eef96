"""The spoken part of `mailvox bench inbox` (devtools/mailvox_dev/bench/inbox.py): its figure is
over answers that name the mail asked for, not over a mishearing that found nothing."""

from __future__ import annotations

from mailvox_dev.bench.inbox import SEARCHES, SPOKEN, figures


def _turn(question: str, seconds: float, answer: str, **extra) -> dict:
    return {"said": SPOKEN[question], "kind": question, "voice_to_voice_s": seconds, "agent_said": answer, **extra}


def test_each_question_is_said_as_a_commuter_asks_it():
    assert list(SPOKEN.values()) == [
        "Anything about the offsite?",
        "Anything from Bob?",
        "Anything from Sarah about the budget?",
    ]
    assert list(SPOKEN) == list(SEARCHES)


def test_a_misheard_question_is_left_out_of_the_figure_but_not_of_every_turn():
    turns = [
        # the smoke run's first turn: "the offsite" heard as "the dark side"
        _turn("about the offsite", 2.973, "I don't see any email about dark.", stages_s={"end_of_turn": 2.5}),
        _turn(
            "about the offsite",
            1.4,
            "I found more than 6 emails about offsite; the newest: Priya Natarajan's, "
            "Offsite agenda #997, on January 7 ...",
            stages_s={"end_of_turn": 0.5},
        ),
        _turn(
            "from Bob", 0.897, "I found more than 6 emails from bob; the newest: Robert Smith's, Release status #997"
        ),
        _turn(
            "from Sarah about the budget",
            1.157,
            "I found more than 6 emails about budget from sarah; the newest: "
            "Sarah Chen's, Q3 budget #996, on January 7",
        ),
        {"said": SPOKEN["from Bob"], "kind": "from Bob", "agent_said": "", "error": "the agent did not answer"},
    ]
    result = figures(turns)
    assert [turn["named_found_mail"] for turn in turns] == [False, True, True, True, False]
    assert result["answers_naming_found_mail"] == 3 and result["unanswered"] == 1
    found = result["voice_to_voice_s"]
    assert found["about the offsite"]["median"] == 1.4 and found["about the offsite"]["n"] == 1
    assert found["all"]["n"] == 3
    every = result["voice_to_voice_every_turn_s"]
    assert every["about the offsite"]["n"] == 2 and every["all"]["max"] == 2.973
    assert result["stage_medians_s"]["about the offsite"] == {"end_of_turn": 0.5}
