"""Callers left without an agent get one back.

livekit-server (1.13) dispatches an agent only when a room is created: if the worker that
held a call dies (a crash, a redeploy, the box's OOM killer), the caller is left in a silent
room. Every worker therefore looks at the callers' rooms every few seconds, in a thread of
its own beside LiveKit's, and dispatches the `mailvox` agent again to a room where a caller
has been waiting without one for `orphaned_after_s`. The new session knows from the
dispatch's metadata that it takes over, and picks up where the call was (the briefing's
place and the open draft are kept in the state directory and the Drafts folder).

The same sweep also rescues a call that found no worker at all when it began.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time

from livekit import api
from livekit.api.room_service import RoomService
from livekit.protocol.models import ParticipantInfo

from mailvox.settings import AGENT_NAME

logger = logging.getLogger("mailvox.agent")
HANDOVER = json.dumps({"handover": True})
ROOM_PREFIX = "mailvox-"  # the rooms mailvox.tokens.new_room makes


def is_handover(job_metadata: str) -> bool:
    try:
        return bool(json.loads(job_metadata or "{}").get("handover"))
    except (ValueError, AttributeError):
        return False


class OrphanedRooms:
    """Which rooms have had a caller and no agent for long enough (pure bookkeeping)."""

    def __init__(self, orphaned_after_s: float, clock=time.monotonic) -> None:
        self.orphaned_after_s = orphaned_after_s
        self.clock = clock
        self.alone_since: dict[str, float] = {}  # room -> first seen with a caller and no agent

    def seen(self, rooms: dict[str, list[ParticipantInfo] | None]) -> list[str]:
        """Rooms (name -> participants, None where they could not be listed this time) as
        listed now; returns those to dispatch an agent to. An unlisted room keeps its wait."""
        now = self.clock()
        due = []
        for name, participants in rooms.items():
            if participants is None:
                continue  # looked at again next time, its wait so far kept
            callers = [p for p in participants if p.kind == ParticipantInfo.Kind.STANDARD]
            agents = [p for p in participants if p.kind == ParticipantInfo.Kind.AGENT]
            if not callers or agents:
                self.alone_since.pop(name, None)
                continue
            since = self.alone_since.setdefault(name, now)
            if now - since >= self.orphaned_after_s:
                due.append(name)
                self.alone_since[name] = now  # the new agent gets as long again to arrive
        for gone in set(self.alone_since) - set(rooms):
            del self.alone_since[gone]
        return due


async def callers_rooms(rooms: RoomService) -> dict[str, list[ParticipantInfo] | None]:
    """The callers' rooms and who is in each. A room whose participants cannot be listed (its
    node just died, say) is None this pass, never the other rooms with it."""
    found: dict[str, list[ParticipantInfo] | None] = {}
    for room in (await rooms.list_rooms(api.ListRoomsRequest())).rooms:
        if not room.name.startswith(ROOM_PREFIX):
            continue
        try:
            listed = await rooms.list_participants(api.ListParticipantsRequest(room=room.name))
        except Exception as exc:  # noqa: BLE001 - that room alone: looked at again next time
            logger.warning("listing who is in room %s failed: %s", room.name, exc)
            found[room.name] = None
            continue
        found[room.name] = list(listed.participants)
    return found


async def sweep_forever(url: str, api_key: str, api_secret: str, orphaned_after_s: float, every_s: float) -> None:
    orphans = OrphanedRooms(orphaned_after_s)
    async with api.LiveKitAPI(url.replace("ws", "http", 1), api_key, api_secret) as lk:
        while True:
            try:
                rooms = await callers_rooms(lk.room)
                for name in orphans.seen(rooms):
                    logger.warning(
                        "room %s has had a caller and no agent for %.0fs: dispatching one", name, orphaned_after_s
                    )
                    await lk.agent_dispatch.create_dispatch(
                        api.CreateAgentDispatchRequest(agent_name=AGENT_NAME, room=name, metadata=HANDOVER)
                    )
            except Exception as exc:  # noqa: BLE001 - livekit-server restarting, say: look again next time
                logger.warning("looking for callers without an agent failed: %s", exc)
            await asyncio.sleep(every_s)


def start_sweeping(url: str, api_key: str, api_secret: str, orphaned_after_s: float, every_s: float = 2.0) -> None:
    """In a daemon thread: the worker's own event loop belongs to LiveKit's CLI."""
    if orphaned_after_s <= 0:
        return
    run = lambda: asyncio.run(sweep_forever(url, api_key, api_secret, orphaned_after_s, every_s))  # noqa: E731
    threading.Thread(target=run, name="mailvox-handover", daemon=True).start()
