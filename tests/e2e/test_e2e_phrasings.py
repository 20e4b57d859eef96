"""Twenty-five requests as commuters say them, spoken (Piper) through livekit-server to the agent in
one call, two of them with a pause in the middle: the agent's answers (its own transcript of
what it said) and the mailbox afterwards show each was understood. The caller has a mailbox
of its own, a copy of the demo inbox, so the drafts and flags it makes touch no other test."""

from __future__ import annotations

import pytest

from mailvox.client import VoiceClient
from mailvox.speech import synthesize_16k
from mailvox_dev.bench.pauses import with_pause

from ..helpers import folder_subjects
from .spoken_calls import own_copy_of_the_demo, spoken_exchanges

IDENTITY = "phrasings"

# (what the caller says, "|" where they pause for 0.8 s; words the agent's answer must hold,
# any one of the tuple; words it must not hold)
PHRASINGS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("Read me the email from Sarah.", ("Sarah Chen",), ()),
    ("Next.", ("From ",), ()),
    ("Hey wait, go back to that Bob email.", ("Robert", "Bob"), ()),
    ("Read me the full email.", ("Thursday",), ("from full",)),  # not a sender called "full"
    ("How many more are there?", (" left",), ()),
    ("Read me the email from Priya.", ("Priya",), ()),
    ("What does Priya want from me?", ("says:", "can't answer that here"), ()),
    ("Could you say that again?", ("Priya",), ()),
    ("Slow down a little.", ("slower",), ()),
    ("Tell Sarah I'll send the numbers by Friday.", ("Friday",), ()),
    ("Don't send it yet.", ("drafts",), ("Sent",)),
    ("I don't want to hear from VendorX anymore.", ("Mute news@vendorx",), ()),  # the address read back
    ("No thanks.", ("Okay",), ("Muted",)),
    ("Skip this one.", ("From ",), ()),
    ("Go back.", ("From ",), ()),
    ("Flag it.", ("Flagged",), ()),
    ("Read me the email from | Jamie.", ("Jamie",), ("Go on",)),
    ("Reply to Jamie saying | I can do lunch on Wednesday.", ("Wednesday",), ("Go on",)),
    ("Cancel that.", ("drafts",), ()),
    ("Go to the VendorX one.", ("VendorX",), ()),
    ("Any emails about the budget?", ("Sarah",), ()),
    ("Forward this to Bob.", ("forward of Sarah",), ("Sent",)),
    ("Keep it, don't send it.", ("drafts",), ("Sent",)),
    ("Anything from Sarah?", ("found 2",), ()),
    ("Okay, back to my briefing.", ("Back to your briefing",), ()),
]


@pytest.fixture
def own_mailbox(dovecot, demo_accounts_file):
    return own_copy_of_the_demo(dovecot, demo_accounts_file, IDENTITY)


@pytest.mark.timeout(600)  # twenty-five spoken turns, each heard to its end, on 2 cores: about 5 minutes
async def test_twenty_five_natural_phrasings_in_one_call(agent_worker, livekit_server, livekit_settings, own_mailbox):
    from mailvox.agent.mail.mailbox import Mailbox

    # Piper's steady delivery: the same audio every run (its variation is the benchmarks' job)
    speech = [with_pause(said, 0.8) if "|" in said else synthesize_16k(said, steady=True) for said, _, _ in PHRASINGS]
    settings = livekit_settings.model_copy(update={"url": livekit_server.url})
    async with VoiceClient(settings, IDENTITY) as client:
        await client.listen(timeout=120)  # the greeting
        requests = [(said, pcm) for (said, _, _), pcm in zip(PHRASINGS, speech, strict=True)]
        exchanges = await spoken_exchanges(client, IDENTITY, requests)

    wrong = []
    for (said, expected, unexpected), exchange in zip(PHRASINGS, exchanges, strict=True):
        answer = exchange["answer"]
        if not any(word.lower() in answer.lower() for word in expected) or any(w in answer for w in unexpected):
            wrong.append(exchange)
        if "|" in said and (exchange["spoke_before_the_caller_finished"] or exchange["answers"] != 1):
            wrong.append({**exchange, "problem": "the pause ended the turn"})
    assert not wrong, wrong

    mailbox = Mailbox(own_mailbox)
    try:
        # two replies and a forward drafted, none sent; nothing muted; one email flagged
        assert await folder_subjects(mailbox, "drafts") == [
            "Fwd: Q3 budget numbers needed by Friday",
            "Re: Lunch on Wednesday?",
            "Re: Q3 budget numbers needed by Friday",
        ]
        assert await folder_subjects(mailbox, "sent") == []
    finally:
        await mailbox.close()
