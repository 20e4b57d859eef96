"""A copied name stays a copy however it is dressed up: asides, titles, "via ...", a longer
name around it, accents and look-alike letters from other scripts. The real sender is not flagged."""

from __future__ import annotations

import pytest

from mailvox.agent.conversation.briefing import BriefingItem
from mailvox.agent.mail.triage import Context, prioritize, triage

from .test_what_the_caller_hears import ME, message

SARAH = "sarah.chen@northwind.example"

DRESSED_UP = [
    "Sarah Chen (CEO)",
    "Dr. Sarah Chen",
    "Sarah Chen via Docs",
    "Sar\u0430h Chen",  # a Cyrillic а
    "S\u0391R\u0391H CH\u0395N",  # Greek capital alpha and epsilon
    "S\u00e1rah Ch\u00e9n",  # accents
    "Sarah Chen - Finance",
    "[EXT] Chen, Sarah",
    "Sa\u200brah Chen",  # a zero-width space
]


@pytest.mark.parametrize("name", DRESSED_UP)
def test_a_dressed_up_vip_name_on_an_outside_address_is_a_copy_said_with_its_domain(name):
    spoof = triage(message((name, "sarah@evil.example")), Context({ME}, vips={SARAH}))
    assert spoof.impersonates == name and "from one of your VIPs" not in spoof.reasons
    assert BriefingItem(spoof).introduced == f"{name}, at evil.example, an outside address"


@pytest.mark.parametrize("name", DRESSED_UP)
def test_the_real_sender_under_a_dressed_up_name_is_still_the_vip(name):
    real = triage(message((name, SARAH)), Context({ME}, vips={SARAH}))
    assert not real.impersonates and "from one of your VIPs" in real.reasons


def test_a_learned_contacts_name_inside_a_longer_one_is_caught_but_one_word_is_not():
    context = Context({ME}, correspondents={"priya@northwind.example", "finance@northwind.example"})
    mail = [
        message(("Priya Natarajan", "priya@northwind.example")),
        message(("Finance", "finance@northwind.example"), uid=2),
        message(("Ms Priya Natarajan | Offsite", "p@evil.example"), uid=3),
        message(("Finance Team", "billing@vendor.example"), uid=4),  # a common word, not a person
        message(("Priya Natarajan-Wu", "pnw@partner.example"), uid=5),  # another person's name
    ]
    flagged = {t.message.uid: t.impersonates for t in prioritize([(m, "") for m in mail], context)}
    assert flagged == {1: "", 2: "", 3: "Ms Priya Natarajan | Offsite", 4: "", 5: ""}


def test_an_unknown_look_alike_name_is_just_a_stranger():
    stranger = triage(message(("J\u043e Bl\u043eggs", "jo@elsewhere.example")), Context({ME}, vips={SARAH}))
    assert not stranger.impersonates
