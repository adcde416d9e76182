"""A stand-in for Crossref, NCBI E-utilities, the PMC ID converter and doi.org, on 127.0.0.1.

A real HTTP server (threads, real sockets), so that the verifier's httpx client, limits and
retries are exercised end to end. Tests load it with works, script faults, and read back what
it saw: every request, with when it started and ended, per service, on the real clock or on the
test's (so that waits on a ``FakeClock`` show between requests).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


@dataclass
class Reply:
    """A scripted answer: status, body (bytes, or JSON-able), headers, and misbehaviour."""

    status: int = 200
    body: Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    truncate: bool = False
    """Promise more bytes than are sent, then close: a body cut short."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away (a killed run, a timed-out request) is not the server's error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Seen:
    service: str
    path: str
    query: dict[str, list[str]]
    started: float
    ended: float = 0.0
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)


class FakeServices:
    HOLD = 20.0

    def __init__(
        self,
        *,
        latency: float = 0.0,
        enforce: dict[str, tuple[float, int]] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.crossref_works: dict[str, dict[str, Any]] = {}
        self.pubmed: dict[str, dict[str, Any]] = {}
        self.pmc: dict[str, dict[str, Any]] = {}
        self.agencies: dict[str, str] = {}
        self.csl: dict[str, dict[str, Any]] = {}
        self.scripted: dict[str, deque[Reply]] = defaultdict(deque)
        """Per service, replies served before the normal ones."""
        self.latency = latency
        self.held: set[str] = set()
        """DOIs (lower case) whose Crossref requests are answered only after ``HOLD`` seconds."""
        self.poisoned: dict[tuple[str, str], Reply] = {}
        """(service, identifier): the reply to any request of that service that asks about the
        identifier (a lower-case DOI, a PMID, a PMCID), whatever else it asks about. Services:
        crossref-list, crossref-single, eutils, idconv, doi."""
        self.enforce = enforce or {}
        """Per service: (requests per second, concurrency) beyond which it answers 429."""
        self.clock = clock
        """What ``Seen.started`` and ``Seen.ended`` are read from; latency and delays are real."""
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = defaultdict(int)
        self.max_in_flight: dict[str, int] = defaultdict(int)
        self.server = _Server(("127.0.0.1", 0), self._handler())
        # A short poll, so that leaving the `with` block does not wait half a second.
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )

    # -- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> FakeServices:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def services(self) -> dict[str, str]:
        return {
            "crossref": f"{self.url}/crossref",
            "eutils": f"{self.url}/eutils",
            "idconv": f"{self.url}/idconv/",
            "doi": f"{self.url}/doi",
        }

    # -- what tests read ------------------------------------------------------------------------

    def requests(self, service: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.service == service]

    def most_in_one_second(self, service: str) -> int:
        """The most requests of ``service`` started within any one second."""
        starts = sorted(seen.started for seen in self.requests(service))
        most = 0
        for index, start in enumerate(starts):
            most = max(most, sum(1 for other in starts[index:] if other < start + 1.0))
        return most

    # -- serving --------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake._serve(self)

        return Handler

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        service, _, rest = parts.path.lstrip("/").partition("/")
        if service == "crossref" and rest == "works":
            service = "crossref-list"
        elif service == "crossref":
            service = "crossref-single"
        seen = Seen(
            service, rest, parse_qs(parts.query), self.clock(), headers=dict(handler.headers)
        )
        with self._lock:
            self.seen.append(seen)
            self._in_flight[service] += 1
            self.max_in_flight[service] = max(self.max_in_flight[service], self._in_flight[service])
            over = self._over_limit(service, seen.started)
        try:
            if self.latency:
                time.sleep(self.latency)
            poison = [
                self.poisoned[service, asked]
                for asked in sorted(self._asked(service, rest, seen.query))
                if (service, asked) in self.poisoned
            ]
            if over:
                reply = Reply(429, b"slow down", {"Retry-After": "1"})
            elif poison:
                reply = poison[0]
            else:
                reply = self._reply(service, rest, seen.query)
            seen.status = reply.status
            if reply.delay:
                time.sleep(reply.delay)
            if (
                service.startswith("crossref")
                and self._asked(service, rest, seen.query) & self.held
            ):
                time.sleep(self.HOLD)
            self._send(handler, reply)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self._lock:
                self._in_flight[service] -= 1
                seen.ended = self.clock()

    @staticmethod
    def _asked(service: str, rest: str, query: dict[str, list[str]]) -> set[str]:
        """The identifiers a request asks about."""
        if service == "crossref-list":
            return {item.removeprefix("doi:").lower() for item in query["filter"][0].split(",")}
        if service == "crossref-single":
            return {unquote(rest.removeprefix("works/")).lower()}
        if service == "eutils":
            return set(",".join(query.get("id", [])).split(","))
        if service == "idconv":
            return set(",".join(query.get("ids", [])).split(","))
        if service == "doi" and rest.startswith("doiRA/"):
            return {unquote(d).lower() for d in rest.removeprefix("doiRA/").split(",")}
        if service == "doi":
            return {unquote(rest).lower()}
        return set()

    def _over_limit(self, service: str, now: float) -> bool:
        limits = self.enforce.get(
            service.split("-")[0] if service.startswith("crossref") else service
        )
        limits = self.enforce.get(service, limits)
        if limits is None:
            return False
        rate, concurrency = limits
        recent = [s for s in self.seen if s.service == service and s.started > now - 1.0]
        return len(recent) > rate or self._in_flight[service] > concurrency

    def _reply(self, service: str, rest: str, query: dict[str, list[str]]) -> Reply:
        pool = "crossref" if service.startswith("crossref") else service
        if self.scripted[pool]:
            return self.scripted[pool].popleft()
        if service == "crossref-list":
            dois = [item.removeprefix("doi:") for item in query["filter"][0].split(",")]
            items = [
                self.crossref_works[d.lower()] for d in dois if d.lower() in self.crossref_works
            ]
            return Reply(
                body={
                    "status": "ok",
                    "message-type": "work-list",
                    "message": {"items": items, "total-results": len(items)},
                },
                headers={
                    "x-rate-limit-limit": "3",
                    "x-rate-limit-interval": "1s",
                    "x-concurrency-limit": "3",
                },
            )
        if service == "crossref-single":
            doi = unquote(rest.removeprefix("works/")).lower()
            work = self.crossref_works.get(doi)
            if work is None:
                return Reply(404, b"Resource not found.", {"Content-Type": "text/plain"})
            return Reply(body={"status": "ok", "message-type": "work", "message": work})
        if service == "eutils":
            ids = query["id"][0].split(",")
            result: dict[str, Any] = {"uids": ids}
            for uid in ids:
                result[uid] = self.pubmed.get(
                    uid, {"uid": uid, "error": "cannot get document summary"}
                )
            return Reply(body={"header": {"type": "esummary", "version": "0.3"}, "result": result})
        if service == "idconv":
            records = []
            for pmcid in query["ids"][0].split(","):
                record = self.pmc.get(pmcid)
                records.append(
                    record
                    if record
                    else {
                        "requested-id": pmcid,
                        "status": "error",
                        "errmsg": "Identifier not found in PMC",
                    }
                )
            return Reply(body={"status": "ok", "records": records})
        if service == "doi" and rest.startswith("doiRA/"):
            dois = [unquote(d) for d in rest.removeprefix("doiRA/").split(",")]
            return Reply(
                body=[
                    {"DOI": d, "RA": self.agencies[d.lower()]}
                    if d.lower() in self.agencies
                    else {"DOI": d, "status": "DOI does not exist"}
                    for d in dois
                ]
            )
        if service == "doi":
            csl = self.csl.get(unquote(rest).lower())
            if csl is None:
                return Reply(
                    404, b"<html>Error: DOI Not Found</html>", {"Content-Type": "text/html"}
                )
            return Reply(
                body=csl, headers={"Content-Type": "application/vnd.citationstyles.csl+json"}
            )
        return Reply(404, b"unknown route", {"Content-Type": "text/plain"})

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        handler.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers}
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body) + (100 if reply.truncate else 0)))
        if reply.truncate:
            handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
        if reply.truncate:
            handler.close_connection = True
