"""Security headers on every HTTP answer of the backend: the API's and, in prod, the app's pages."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

FRAMES = "frame-ancestors 'none'"
# JSON answers load nothing and run nothing; pages keep their scripts but may not be framed.
STRICT_CSP = f"default-src 'none'; {FRAMES}"
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def content_security_policy(content_type: str) -> str:
    """The CSP for an answer: nothing may load for JSON, pages only refuse to be framed."""
    return STRICT_CSP if "json" in content_type.lower() else FRAMES


class SecurityHeaders:
    """ASGI middleware adding nosniff, referrer policy, frame denial and a CSP to each HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers as the answer starts (websockets pass untouched)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in ALWAYS.items():
                    headers.setdefault(name, value)
                csp = content_security_policy(headers.get("content-type", ""))
                headers.setdefault("Content-Security-Policy", csp)
            await send(message)

        await self.app(scope, receive, send_with_headers)
