"""The guard around every request: the access token, the upload size bound, the same-origin
rule for form posts, and the security headers (a strict Content-Security-Policy: scripts
and styles only from this server, no inline script, no frames).

Written as plain ASGI so that it sees the request body as it arrives: an upload larger than
the bound is cut off after ``max_body`` bytes with 413, never read whole.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

__all__ = ["Guard", "CSP", "TOKEN_COOKIE", "TOKEN_HEADER"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "yusuan_token"
TOKEN_HEADER = "x-yusuan-token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


def _message(status: int, zh: str, en: str) -> bytes:
    return json.dumps({"status": status, "message": zh, "message_en": en}, ensure_ascii=False).encode("utf-8")


class Guard:
    def __init__(self, app: ASGIApp, token: str | None, max_body: int, inflight: int = 768 * 1024 * 1024) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body
        self.inflight_limit = inflight  # bytes of request bodies held at once, all requests together
        self.inflight = 0  # only touched on the event loop: no lock

    async def _answer(self, send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None) -> None:
        headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()), *_HEADERS]
        await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
        await send({"type": "http.response.body", "body": body})

    def _token_ok(self, scope: Scope) -> tuple[bool, bool]:
        """(allowed, came from the query string)."""
        if not self.token:
            return True, False
        want = self.token.encode()
        headers = dict((k.lower(), v) for k, v in scope.get("headers", []))
        given = headers.get(TOKEN_HEADER.encode())
        auth = headers.get(b"authorization", b"")
        if given is None and auth.lower().startswith(b"bearer "):
            given = auth[7:].strip()
        if given is None and b"cookie" in headers:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(headers[b"cookie"].decode("latin-1"))
            except Exception:  # noqa: BLE001 - a malformed cookie header is no token
                pass
            if TOKEN_COOKIE in jar:
                given = jar[TOKEN_COOKIE].value.encode()
        if given is not None and hmac.compare_digest(given, want):
            return True, False
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if "token" in query and hmac.compare_digest(query["token"].encode(), want):
            return True, True
        return False, False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ok, from_query = self._token_ok(scope)
        if not ok:
            await self._answer(
                send,
                401,
                _message(
                    401,
                    "需要访问令牌（--token）：请使用带 ?token= 的链接。",
                    "an access token is required (--token): open the link with ?token=.",
                ),
            )
            return
        if from_query:  # set the cookie and drop the token from the address bar
            query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k != "token"]
            location = scope.get("path", "/") + ("?" + urlencode(query) if query else "")
            cookie = f"{TOKEN_COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await self._answer(send, 303, b"{}", [(b"location", location.encode()), (b"set-cookie", cookie.encode())])
            return
        headers = dict((k.lower(), v) for k, v in scope.get("headers", []))
        if scope.get("method") in ("POST", "PUT", "DELETE", "PATCH"):
            origin = headers.get(b"origin")
            host = headers.get(b"host", b"")
            if origin not in (None, b"null") and origin.split(b"://", 1)[-1] != host:
                await self._answer(send, 403, _message(403, "拒绝跨站请求。", "cross-site request refused."))
                return
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._answer(send, 413, self._too_large())
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                n = len(msg.get("body", b""))
                seen += n
                self.inflight += n
                from starlette.exceptions import HTTPException

                if seen > self.max_body:  # the app's exception handler answers 413
                    raise HTTPException(413, detail=json.loads(self._too_large()))
                if self.inflight > self.inflight_limit:
                    raise HTTPException(
                        503,
                        detail=json.loads(
                            _message(
                                503,
                                "服务器忙（同时上传的数据过多），请稍后再试。",
                                "the server is busy (too much being uploaded at once); try again shortly.",
                            )
                        ),
                    )
            return msg

        async def secured_send(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                msg = dict(msg)
                msg["headers"] = [*msg.get("headers", []), *_HEADERS]
            await send(msg)

        try:
            await self.app(scope, limited_receive, secured_send)
        finally:
            self.inflight -= seen

    def _too_large(self) -> bytes:
        mb = self.max_body / 1024 / 1024
        return _message(413, f"上传过大（上限 {mb:g} MB）。", f"upload too large (limit {mb:g} MB).")
