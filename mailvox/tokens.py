"""LiveKit access tokens that put a user in their own room and dispatch the `mailvox` agent."""

from __future__ import annotations

import secrets
from datetime import timedelta

from livekit import api

from mailvox.settings import AGENT_NAME, LiveKitSettings


def new_room(identity: str) -> str:
    """A room of its own for each call. The agent is dispatched when a room is created, so a
    user who calls back must never land in the previous call's room while it closes. (A
    client that only reconnects after a network drop keeps its room.)"""
    return f"mailvox-{identity}-{secrets.token_hex(4)}"


def user_token(
    identity: str,
    settings: LiveKitSettings,
    room: str | None = None,
    ttl: timedelta = timedelta(minutes=15),
) -> str:
    """A short-lived token: join `room` (default: a new one) and dispatch the agent there."""
    return (
        api.AccessToken(settings.api_key, settings.api_secret)
        .with_identity(identity)
        .with_ttl(ttl)
        .with_grants(api.VideoGrants(room_join=True, room=room or new_room(identity)))
        .with_room_config(api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name=AGENT_NAME)]))
        .to_jwt()
    )
