"""The portal: log in, get a LiveKit token for your own room, talk on the page.

Run with ``mailvox serve portal`` (port 8300). The page is bundled at install time from
`web/` (the livekit-client npm package; no CDN at run time) into `static/`.
"""

from __future__ import annotations

import logging
import math
import re
import secrets
from datetime import timedelta
from pathlib import Path

from fastapi import Depends, FastAPI, Header, HTTPException, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from prometheus_client import CONTENT_TYPE_LATEST, Counter, generate_latest
from pydantic import BaseModel, Field
from starlette.middleware.sessions import SessionMiddleware

from mailvox.services.common import refuse_invalid_requests_plainly, serve
from mailvox.settings import KnownSecretError, LiveKitSettings, weak_secret_reason
from mailvox.tokens import new_room, user_token

from .settings import PortalSettings
from .throttle import LoginThrottle
from .token_source import PATH as TOKEN_SOURCE_PATH
from .token_source import MalformedCredentials, TokenSourceRequest, TokenSourceResponse, basic_credentials
from .users import MAX_PASSWORD, MAX_USERNAME, UsersFile, valid_identity

logger = logging.getLogger("mailvox.portal")
STATIC = Path(__file__).resolve().parent / "static"
LOGINS = Counter("mailvox_portal_logins_total", "Login attempts", ["result"])
TOKENS = Counter("mailvox_portal_tokens_total", "LiveKit tokens issued", ["kind"])


class Login(BaseModel):
    username: str = Field(min_length=1, max_length=MAX_USERNAME)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


class TokenRequest(BaseModel):
    # To rejoin after a dropped link: the room of the call, which must be the user's own.
    room: str | None = Field(default=None, max_length=128)


def own_room(identity: str, room: str) -> bool:
    return re.fullmatch(rf"mailvox-{re.escape(identity)}-[0-9a-f]{{8}}", room) is not None


def peer_address(request: Request) -> str:
    """The socket peer's address. `mailvox serve portal` runs uvicorn without proxy headers, so
    no X-Forwarded-For can stand in for it."""
    return request.client.host if request.client else ""


def create_portal(settings: PortalSettings | None = None, livekit: LiveKitSettings | None = None) -> FastAPI:
    settings = settings or PortalSettings()
    livekit = livekit or LiveKitSettings()
    # It mints tokens: with a known secret, anyone who reaches it or livekit-server could too.
    livekit.refuse_known_secret(listening=[settings.host])
    # It signs the login cookie: whoever knows it can forge a login, and so mint tokens too.
    # Refused on loopback as well: a proxy in front makes a loopback portal reachable. Unset is
    # fine: then each process makes a random one below.
    if settings.session_secret and (reason := weak_secret_reason(settings.session_secret)):
        raise KnownSecretError(
            f"Refusing to start: MAILVOX_PORTAL_SESSION_SECRET will not do, {reason}; anyone who knows it can "
            "forge a login cookie and get tokens for any user, through a proxy too. Set it to 32 or more random "
            "characters (openssl rand -base64 36), or leave it unset for a random one per process."
        )
    users = UsersFile(settings.users_file)
    throttle = LoginThrottle(
        per_account=settings.login_failures_per_account, per_address=settings.login_failures_per_address
    )
    if not settings.session_secret:
        logger.warning("MAILVOX_PORTAL_SESSION_SECRET is not set: logins end when the portal restarts")
    app = FastAPI(title="mailvox-portal", docs_url=None, redoc_url=None)
    refuse_invalid_requests_plainly(app)
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret or secrets.token_urlsafe(32),
        session_cookie="mailvox_session",
        max_age=settings.session_max_age_s,
        same_site="strict",
        https_only=settings.secure_cookies,
    )

    def sso_identity(request: Request) -> str | None:
        """The user the SSO header names, when a trusted proxy set it; else None."""
        if settings.trusted_header and settings.trusted_header in request.headers:
            if peer_address(request) in settings.trusted_proxies:
                name = request.headers[settings.trusted_header].strip().lower()
                if name:
                    if not valid_identity(name):
                        raise HTTPException(403, "The single sign-on user name is not one MailVox can use.")
                    return name
            else:
                logger.warning("ignored the SSO header from %s, which is not a trusted proxy", peer_address(request))
        return None

    def identity_of(request: Request) -> str:
        """Who is asking: the SSO header from a trusted proxy, else the session's login."""
        name = sso_identity(request) or request.session.get("identity") or ""
        if not name:
            raise HTTPException(401, "Please log in.")
        return name

    def checked_login(username: str, password: str, request: Request) -> str:
        """The identity for a user name and password, or an HTTPException (429 throttled, 401
        refused). The one check for the login form and for a Basic header alike."""
        # Names are counted whether they exist or not, and the password is not checked while
        # throttled: the 429 tells nothing about the account. Logs never hold the password.
        account, client = username.strip().lower(), peer_address(request)
        wait_s = throttle.retry_after(account, client)
        if wait_s:
            LOGINS.labels("throttled").inc()
            logger.warning("login throttled: account=%r client=%s retry_after_s=%d", account, client, wait_s)
            raise HTTPException(
                429,
                f"Too many failed logins. Try again in {math.ceil(wait_s / 60)} minute(s).",
                headers={"Retry-After": str(wait_s)},
            )
        # Blocking on purpose (callers are async, on the event loop): no other login can run
        # between the throttle check and the count. argon2 compares in constant time, and an
        # unknown name is checked against a dummy hash, so it takes as long as a wrong password.
        identity = users.check(username, password)
        LOGINS.labels("ok" if identity else "refused").inc()
        if identity is None:
            throttle.failed(account, client)
            logger.warning("login refused: account=%r client=%s", account, client)
            raise HTTPException(401, "That user name and password don't match.")
        logger.info("login ok: account=%r client=%s", identity, client)
        return identity

    def room_for(identity: str, asked: str | None) -> str:
        """The room a token is for: the one asked for, which must be the user's own (to rejoin
        after a dropped link), else a new one."""
        if asked is not None and not own_room(identity, asked):
            raise HTTPException(403, "That room is not yours.")
        TOKENS.labels("rejoin" if asked else "new").inc()
        return asked or new_room(identity)

    async def token_source_caller(request: Request, authorization: str | None = Header(default=None)) -> str:
        """Who calls the standard token endpoint: the SSO header from a trusted proxy, else a
        Basic header's portal user (mobile starter apps can only add headers), else the session's
        login. A dependency, so that a caller without a login hears 401 before anything about
        the body's fields (FastAPI still answers 422 to a body that is not JSON at all)."""
        # SSO first: a proxy that authenticates with Basic itself passes its own Authorization
        # header on, and those are company credentials, not a portal user's.
        if name := sso_identity(request):
            return name
        challenge = {"WWW-Authenticate": 'Basic realm="MailVox", charset="UTF-8"'}
        try:
            credentials = basic_credentials(authorization)
        except MalformedCredentials:
            raise HTTPException(
                401, "The Authorization header is not Basic base64 of 'user name:password'.", headers=challenge
            ) from None
        if credentials is not None:
            try:
                return checked_login(*credentials, request)
            except HTTPException as refused:
                if refused.status_code == 401:
                    raise HTTPException(401, refused.detail, headers=challenge) from None
                raise
        name = request.session.get("identity") or ""
        if not name:
            # Challenged only where credentials came: with none (the page's session ran out) a
            # browser would otherwise put up its own login box and remember what it is given.
            raise HTTPException(
                401,
                "Please log in: send the portal's session cookie, or an Authorization: Basic header "
                "with your portal user name and password.",
                headers=challenge if authorization else None,
            )
        return name

    @app.get("/healthz")
    @app.get("/ready")
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @app.post("/api/login")
    async def login(body: Login, request: Request) -> dict:
        identity = checked_login(body.username, body.password, request)
        request.session.clear()
        request.session["identity"] = identity
        return {"identity": identity}

    @app.post("/api/logout")
    async def logout(request: Request) -> dict:
        request.session.clear()
        return {"identity": None}

    @app.get("/api/me")
    async def me(request: Request) -> dict:
        return {"identity": identity_of(request)}

    @app.post("/api/token")
    async def token(body: TokenRequest, request: Request) -> dict:
        identity = identity_of(request)
        room = room_for(identity, body.room)
        jwt = user_token(identity, livekit, room=room, ttl=timedelta(seconds=settings.token_ttl_s))
        return {"url": settings.livekit_public_url or livekit.url, "token": jwt, "room": room, "identity": identity}

    @app.post(TOKEN_SOURCE_PATH, status_code=201)
    async def token_source(
        identity: str = Depends(token_source_caller), body: TokenSourceRequest | None = None
    ) -> TokenSourceResponse:
        # No body at all is the same as {}: every field of the request is optional.
        room = room_for(identity, body.room_name if body else None)
        jwt = user_token(identity, livekit, room=room, ttl=timedelta(seconds=settings.token_ttl_s))
        return TokenSourceResponse(server_url=settings.livekit_public_url or livekit.url, participant_token=jwt)

    @app.get("/")
    async def page() -> Response:
        index = STATIC / "index.html"
        if not index.exists():
            return JSONResponse({"error": "The page is not built: run scripts/setup.sh (npm run build in web/)."}, 503)
        return FileResponse(index, headers={"Cache-Control": "no-store"})

    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def main() -> None:
    serve(create_portal, PortalSettings())


if __name__ == "__main__":
    main()
