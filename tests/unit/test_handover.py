"""Which rooms the workers' watch sends a new agent to (agent/handover.py). The whole path, a
worker killed mid-call and its caller taken back to the open draft, runs against the real
stack in tests/e2e/test_reliability.py."""

from __future__ import annotations

from livekit.protocol.models import ParticipantInfo, Room
from livekit.protocol.room import ListParticipantsResponse, ListRoomsResponse

from mailvox.agent.handover import HANDOVER, OrphanedRooms, callers_rooms, is_handover


def caller(identity: str = "alex") -> ParticipantInfo:
    return ParticipantInfo(identity=identity, kind=ParticipantInfo.Kind.STANDARD)


def agent() -> ParticipantInfo:
    return ParticipantInfo(identity="agent-AJ_1", kind=ParticipantInfo.Kind.AGENT)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_caller_alone_long_enough_gets_an_agent_once_then_again_only_after_as_long():
    clock = Clock()
    rooms = OrphanedRooms(5.0, clock)
    assert rooms.seen({"mailvox-alex-1": [caller()]}) == []
    clock.now += 4.9
    assert rooms.seen({"mailvox-alex-1": [caller()]}) == []
    clock.now += 0.2
    assert rooms.seen({"mailvox-alex-1": [caller()]}) == ["mailvox-alex-1"]
    clock.now += 2
    assert rooms.seen({"mailvox-alex-1": [caller()]}) == []  # the one sent gets time to arrive
    clock.now += 3.1
    assert rooms.seen({"mailvox-alex-1": [caller()]}) == ["mailvox-alex-1"]


def test_rooms_with_an_agent_or_without_a_caller_are_left_alone():
    clock = Clock()
    rooms = OrphanedRooms(5.0, clock)
    listing = {"with-agent": [caller(), agent()], "agent-only": [agent()], "empty": []}
    assert rooms.seen(listing) == []
    clock.now += 60
    assert rooms.seen(listing) == []


def test_an_agent_arriving_resets_the_wait_and_a_closed_room_is_forgotten():
    clock = Clock()
    rooms = OrphanedRooms(5.0, clock)
    rooms.seen({"r": [caller()]})
    clock.now += 4
    rooms.seen({"r": [caller(), agent()]})  # the call's own agent joined
    clock.now += 4
    assert rooms.seen({"r": [caller()]}) == []  # it left 0 s ago, not 8
    rooms.seen({})
    assert rooms.alone_since == {}


def test_only_a_dispatch_marked_as_a_takeover_is_one():
    assert is_handover(HANDOVER)
    assert not is_handover("")
    assert not is_handover("not json")
    assert not is_handover('["handover"]')
    assert not is_handover('{"handover": false}')


class RoomServiceWithADeadNode:
    """A fake that forces the fault: the room a dead node held cannot be listed."""

    def __init__(self, rooms: dict[str, list[ParticipantInfo]], dead: str) -> None:
        self.rooms, self.dead = rooms, dead

    async def list_rooms(self, _request):
        return ListRoomsResponse(rooms=[Room(name=name) for name in [*self.rooms, self.dead, "not-a-call"]])

    async def list_participants(self, request):
        if request.room == self.dead:
            raise ConnectionError("no route to the room's node")
        return ListParticipantsResponse(participants=self.rooms.get(request.room, []))


async def test_a_room_that_cannot_be_listed_leaves_the_other_rooms_looked_at():
    service = RoomServiceWithADeadNode(
        {"mailvox-alex-1": [caller()], "mailvox-sam-1": [caller("sam"), agent()]}, "mailvox-kim-1"
    )
    rooms = await callers_rooms(service)
    assert sorted(rooms) == ["mailvox-alex-1", "mailvox-kim-1", "mailvox-sam-1"]  # not a room that is no call's
    assert rooms["mailvox-kim-1"] is None  # unknown this time
    assert [p.identity for p in rooms["mailvox-alex-1"]] == ["alex"]


def test_a_room_not_listed_this_time_keeps_its_wait():
    clock = Clock()
    rooms = OrphanedRooms(5.0, clock)
    rooms.seen({"r": [caller()]})
    clock.now += 3
    assert rooms.seen({"r": None}) == []  # its node did not answer: neither due nor forgotten
    clock.now += 2.5
    assert rooms.seen({"r": [caller()]}) == ["r"]  # 5.5 s alone in all
