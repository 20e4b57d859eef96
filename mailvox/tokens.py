"""LiveKit access tokens that put a user in their own room and dispatch the `mailvox` agent."""

from __future__ import annotations

from datetime import timedelta

from livekit import api

from agent.settings import AGENT_NAME
from mailvox.settings import LiveKitSettings


def room_for(identity: str) -> str:
    return f"mailvox-{identity}"


def user_token(
    identity: str,
    settings: LiveKitSettings,
    room: str | None = None,
    ttl: timedelta = timedelta(minutes=15),
) -> str:
    """A short-lived token: join `room` (default: the user's own) and dispatch the agent there."""
    return (
        api.AccessToken(settings.api_key, settings.api_secret)
        .with_identity(identity)
        .with_ttl(ttl)
        .with_grants(api.VideoGrants(room_join=True, room=room or room_for(identity)))
        .with_room_config(
            api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name=AGENT_NAME)])
        )
        .to_jwt()
    )
