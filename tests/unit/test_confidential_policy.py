"""Which mail the admin's policy holds back as confidential."""

from __future__ import annotations

from dataclasses import replace

from mailvox.agent.mail.accounts import Policy
from mailvox.agent.mail.types import Address, MessageSummary

PLAIN = MessageSummary(1, "INBOX", "<m1@x>", Address("Jamie", "jamie@x.example"), [], [], "Plan", None, set(), 10)


def test_sensitivity_keywords_and_folders_mark_mail_confidential():
    policy = Policy(confidential_folders=["HR"])
    assert not policy.confidential_mail(PLAIN)
    assert policy.confidential_mail(replace(PLAIN, sensitivity="company-confidential"))
    assert policy.confidential_mail(replace(PLAIN, sensitivity="private"))
    assert not policy.confidential_mail(replace(PLAIN, sensitivity="personal"))  # only personal
    assert policy.confidential_mail(replace(PLAIN, flags={"\\Seen", "$confidential"}))  # keywords: any case
    assert policy.confidential_mail(replace(PLAIN, folder="hr"))
    assert not policy.confidential_mail(replace(PLAIN, flags={"\\Flagged"}))


def test_the_admin_chooses_the_labels_and_can_read_it_like_any_mail():
    labelled = replace(PLAIN, flags={"Secret"})
    assert Policy(confidential_labels=["Secret"]).confidential_mail(labelled)
    assert not Policy().confidential_mail(labelled)
    marked = replace(PLAIN, sensitivity="private")
    assert not Policy(confidential="read").confidential_mail(marked)
