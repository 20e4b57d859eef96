"""What a question about the mailbox asks the mail server for, and how its answer is said."""

from datetime import UTC, date, datetime

from mailvox.agent.conversation.searching import (
    BACK_TO_BRIEFING,
    URGENT,
    Query,
    first_day,
    found_said,
    heard_for,
    most_words,
    query,
    spoken_day,
    topic_said,
)

THURSDAY = date(2026, 12, 3)


def test_when_a_question_is_about_counts_from_today():
    assert first_day("anything from jamie this week", THURSDAY) == (date(2026, 11, 30), "this week")
    assert first_day("what came in today", THURSDAY) == (THURSDAY, "today")
    assert first_day("any mail since yesterday", THURSDAY) == (date(2026, 12, 2), "since yesterday")
    assert first_day("anything from last week", THURSDAY) == (date(2026, 11, 23), "since last week")
    assert first_day("any emails about the budget", THURSDAY) == (None, "")
    # "lately" reaches further than "the last few days"
    assert first_day("anything else from sarah lately", THURSDAY) == (date(2026, 11, 19), "in the last two weeks")
    assert first_day("anything in the past couple of days", THURSDAY) == (date(2026, 11, 29), "in the last few days")


def test_a_search_is_for_the_words_said_not_the_fillers_nor_the_time():
    assert query("", "the, uh, holiday party", "", THURSDAY).words == ("holiday", "party")
    assert query("jamie today", "", "any mail from jamie today", THURSDAY) == Query("jamie", (), THURSDAY, "today")
    assert query("anyone written", "budget", "has anyone written about the budget", THURSDAY).who == ""
    assert topic_said("search my mail for the contract from acme") == "contract"
    assert topic_said("got anything on the offsite?") == "offsite"
    assert topic_said("anything from jamie this week") == ""


def test_what_was_found_is_said_with_who_what_and_when_and_the_rest_counted():
    asked = Query("sarah", (), None, "this week")
    assert found_said(asked, []) == "I don't see any email from sarah this week."
    found = [("Sarah Chen", f"Note {n}", "on Monday") for n in range(5)]
    said = found_said(asked, found)
    assert said.startswith("I found 5 emails from sarah this week: Sarah Chen's, Note 0, on Monday, ")
    assert ", and 2 more. Shall I read the first?" in said


def test_days_are_said_as_a_driver_says_them():
    assert spoken_day(datetime(2026, 12, 3, 9, tzinfo=UTC), THURSDAY) in ("today", "yesterday")
    assert spoken_day(datetime(2026, 11, 30, 12, tzinfo=UTC), THURSDAY) == "on Monday"
    assert spoken_day(datetime(2026, 11, 3, 12, tzinfo=UTC), THURSDAY) == "on November 3"
    assert spoken_day(None, THURSDAY) == ""


def test_back_to_the_briefing_and_what_is_urgent_are_told_apart_from_other_requests():
    assert BACK_TO_BRIEFING.search("okay go back to my briefing")
    assert BACK_TO_BRIEFING.search("back to the unread ones")
    assert not BACK_TO_BRIEFING.search("go back to the bob email")
    assert URGENT.search("so what's urgent")
    assert URGENT.search("anything important in there")
    assert not URGENT.search("flag it as important")


def test_a_word_the_mail_lacks_does_not_hide_what_the_others_find():
    # "Bob ... the release date": his email says release, nothing says date
    found = [["bob-release", "sarah-release-notes"], [], ["bob-release"]]
    assert most_words(("release", "date", "thursday"), found, key=str) == (("release", "thursday"), ["bob-release"])
    # each found by one word: all of them, with the words they hold
    assert most_words(("budget", "offsite"), [["sarah"], ["priya"]], key=str) == (
        ("budget", "offsite"),
        ["sarah", "priya"],
    )
    assert most_words(("release", "date"), [[], []], key=str) == ((), [])


def test_a_word_found_nowhere_is_asked_about_as_the_briefed_word_it_sounds_like():
    subjects = ["Q3 budget numbers needed by Friday", "Offsite agenda - your slot", "This week at VendorX"]
    assert heard_for(("website",), subjects) == ("website", "offsite")  # as Whisper heard "offsite"
    assert heard_for(("outside",), subjects) == ("outside", "offsite")
    assert heard_for(("docksight",), subjects) is None  # too far to ask about
    assert heard_for(("lunch",), subjects) is None
    assert heard_for(("numbas",), ["budget numbers", "numbers for Q3"]) is None  # two alike: none asked
