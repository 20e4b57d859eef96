"""The standard token endpoint's answer, used as a starter app uses it: the `server_url` and
`participant_token` it returns get a LiveKit client into a real livekit-server, as the portal's
user and in that user's own room."""

from __future__ import annotations

import base64

import httpx
from livekit import rtc

from mailvox.services.portal.app import create_portal
from mailvox.services.portal.settings import PortalSettings
from mailvox.services.portal.token_source import PATH
from mailvox.services.portal.users import UsersFile


async def test_a_starter_app_joins_livekit_server_with_what_the_endpoint_returns(
    tmp_path, livekit_server, livekit_settings
):
    users = tmp_path / "users.yaml"
    UsersFile(users).add("alex", "correct horse")
    livekit = livekit_settings.model_copy(update={"url": livekit_server.url})
    app = create_portal(PortalSettings(users_file=users, session_secret="s" * 40), livekit)
    credentials = base64.b64encode(b"alex:correct horse").decode()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://portal") as portal:
        answer = await portal.post(
            PATH,
            content='{"participant_identity":"someone else","room_config":{"agents":[{"agent_name":"agent name"}]}}',
            headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
        )
    assert answer.status_code == 201, answer.text
    room = rtc.Room()
    try:
        await room.connect(answer.json()["server_url"], answer.json()["participant_token"])
        assert room.connection_state == rtc.ConnectionState.CONN_CONNECTED
        assert room.local_participant.identity == "alex"
        assert room.name.startswith("mailvox-alex-")
    finally:
        await room.disconnect()
