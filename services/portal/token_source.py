"""LiveKit's standard token endpoint, the one `TokenSource.endpoint(url, options)` calls, so that
LiveKit's own starter apps (web, iOS, Android) get a MailVox token unmodified.

The shapes are livekit-client 2.23.0's, read from its sources (2026-12):
`src/room/token-source/TokenSource.ts` (TokenSourceEndpoint: a POST of
`TokenSourceRequest.toJsonString({useProtoFieldName: true})`, any 2xx accepted, the answer read
with `TokenSourceResponse.fromJson(..., {ignoreUnknownFields: true})`) and the messages in
@livekit/protocol 1.52.1's `livekit_token_source_pb.js`. LiveKit's docs ("Endpoint token
generation") answer 201 Created.

What the caller asks for is read but never obeyed, bar the room: the identity is the login's,
and the room config (which agent to dispatch, egress, limits) is MailVox's. A starter app sends
its own agent name by default, so ignoring these fields, rather than refusing them, is what lets
it work unmodified.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .users import MAX_PASSWORD, MAX_USERNAME

# Where a starter app is pointed; the React starter's own route has this name.
PATH = "/api/connection-details"


class TokenSourceRequest(BaseModel):
    """livekit.TokenSourceRequest as JSON with its proto field names; every field optional."""

    # A newer client may send fields this one does not know: ignored, not refused.
    model_config = ConfigDict(extra="ignore")

    room_name: str | None = Field(default=None, max_length=128)
    participant_name: str | None = None
    participant_identity: str | None = None
    participant_metadata: str | None = None
    participant_attributes: dict[str, str] | None = None
    room_config: dict[str, Any] | None = None


class TokenSourceResponse(BaseModel):
    """livekit.TokenSourceResponse: exactly the two fields livekit-client reads."""

    server_url: str
    participant_token: str


class MalformedCredentials(ValueError):
    """An `Authorization: Basic` header that is not base64 of `name:password` within bounds."""


def basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    """The (user name, password) of an `Authorization: Basic` header (RFC 7617, UTF-8), or None
    when there is no such header (another scheme counts as none). Raises MalformedCredentials
    when the header is Basic but cannot be read."""
    if not authorization:
        return None
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise MalformedCredentials("not base64 of UTF-8 text") from None
    username, colon, password = decoded.partition(":")  # a password may hold colons; a name may not
    if not colon or not 1 <= len(username) <= MAX_USERNAME or not 1 <= len(password) <= MAX_PASSWORD:
        raise MalformedCredentials("not a user name and a password within bounds")
    return username, password
