"""Which folder "file this under ..." means (issue 23): one of the mailbox's own, by its name or
its last part, heard or spelt alike; two that fit are asked about; none is never made up."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.folders import folder_in_answer, folder_named, folders_said, no_such_folder

FOLDERS = ["Archive", "Drafts", "Junk", "Projects", "Projects/Alpha", "Receipts", "Reports", "Sent", "Trash"]


@pytest.mark.parametrize(
    ("said", "folder"),
    [("receipts", "Receipts"), ("Receipt", "Receipts"), ("alpha", "Projects/Alpha"), ("projects", "Projects")],
)
def test_a_folder_is_found_by_its_name_or_its_last_part(said, folder):
    assert folder_named(said, FOLDERS) == (folder, "")


def test_two_folders_that_fit_alike_are_asked_about():
    assert folder_named("report", ["Reports", "Reports/2025"]) == ("", "Which folder: Reports or Reports/2025?")


@pytest.mark.parametrize("said", ["drafts", "sent", "medical", ""])
def test_no_folder_is_made_up_and_the_mail_programs_own_are_not_for_filing(said):
    folder, problem = folder_named(said, FOLDERS)
    assert folder == "" and problem


@pytest.mark.parametrize("said", ["a folder", "folder", "one of my folders", "somewhere"])
def test_a_request_naming_no_folder_asks_which_listing_the_callers_own(said):
    assert folder_named(said, ["INBOX", "Projects", "Receipts", "Trash"]) == (
        "",
        "Which folder? Yours are Projects and Receipts.",
    )


@pytest.mark.parametrize(
    ("answer", "folder"),
    [
        ("okay, projects then", "Projects"),
        ("Receipts.", "Receipts"),
        ("um put it in alpha", "Projects/Alpha"),
        ("next", ""),
        ("cancel that", ""),
    ],
)
def test_an_answer_to_which_folder_names_it_among_other_words(answer, folder):
    assert folder_in_answer(answer, FOLDERS) == folder


def test_politeness_after_the_name_is_not_part_of_it():
    assert folder_named("receipts, would you", FOLDERS) == ("Receipts", "")
    assert folder_named("Release please", FOLDERS)[1].startswith("I don't see a folder called release.")


def test_the_folders_are_said_own_ones_first():
    assert folders_said(["Archive", "Drafts", "Junk", "Sent", "Trash"]) == "You have only Archive, Junk and Trash."
    assert folders_said(["Archive", "Projects", "Receipts", "Trash"]) == (
        "Your folders are Projects and Receipts, besides Archive and Trash."
    )


def test_an_answer_that_corrects_itself_names_the_folder():
    assert folder_in_answer("er sorry, I mean receipts", ["Projects", "Receipts"]) == "Receipts"


def test_an_answer_naming_no_folder_says_so_and_a_longer_one_is_another_request():
    assert no_such_folder("sorry, I mean admin", ["Projects", "Receipts"]).startswith(
        "I don't see a folder called admin."
    )
    assert no_such_folder("what's the next email about", ["Projects", "Receipts"]) == ""


def test_spam_is_the_junk_folder_where_there_is_no_spam_folder():
    assert folder_named("spam", ["Archive", "Junk", "Trash"]) == ("Junk", "")
    assert folder_named("spam", ["Archive", "Spam", "Trash"]) == ("Spam", "")
