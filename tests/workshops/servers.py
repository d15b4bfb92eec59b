"""Real servers for live-workshop tests: a fresh installation (its own SQLite database),
`journeys serve` processes, a small HTTP client with cookies, and an event-stream reader.
The same path a phone takes: uvicorn, Django's ASGI handler, Server-Sent Events."""

import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

JOURNEYS = str(Path(sys.executable).parent / "journeys")
HOST = "127.0.0.1"


def found(pattern: str, text: str) -> str:
    """The first group of `pattern` in `text`; fails the test when it is not there."""
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found in {text[:300]!r}"
    return match.group(1)


def connect(
    base: str, timeout: float, tls: ssl.SSLContext | None = None, source: str = ""
) -> http.client.HTTPConnection:
    """A connection to `base` (https with `tls`), from the local address `source` if given:
    any 127.x.y.z is this machine, so tests can be clients at different addresses."""
    url = urllib.parse.urlsplit(base)
    source_address = (source, 0) if source else None
    if url.scheme == "https":
        return http.client.HTTPSConnection(
            url.hostname or HOST,
            url.port,
            timeout=timeout,
            context=tls,
            source_address=source_address,
        )
    return http.client.HTTPConnection(
        url.hostname or HOST, url.port, timeout=timeout, source_address=source_address
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Site:
    env: dict[str, str]
    password: str  # the demo trainer's


def fresh_site(var: Path) -> Site:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "REDIS_URL",
        }
    }
    env["JOURNEYS_VAR_DIR"] = str(var)
    env["JOURNEYS_WORKSHOP_CAP"] = "5000"
    env["JOURNEYS_RATE_JOIN"] = "100000"
    env["JOURNEYS_RATE_JOIN_WORKSHOP"] = "100000"
    done = subprocess.run([JOURNEYS, "setup"], env=env, capture_output=True, text=True, check=True)
    password = re.search(r"with password '([^']+)'", done.stdout)
    assert password, done.stdout
    return Site(env, password.group(1))


class Server:
    def __init__(
        self,
        site: Site,
        redis_url: str = "",
        port: int = 0,
        workers: int = 1,
        settings: Mapping[str, str] | None = None,
    ) -> None:
        self.port = port or free_port()
        self.site = site
        env = {**site.env, "REDIS_URL": redis_url} if redis_url else dict(site.env)
        env.update(settings or {})
        self.process = subprocess.Popen(
            [JOURNEYS, "serve", "--port", str(self.port), "--workers", str(workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        wait_for_port(self.port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


@dataclass
class Browser:
    """Cookies and CSRF for plain HTTP requests, the way a phone's browser sends them."""

    base: str
    cookies: dict[str, str] = field(default_factory=dict)
    tls: ssl.SSLContext | None = None
    source: str = ""  # the local address to connect from; any when empty

    def request(
        self,
        method: str,
        path: str,
        form: Mapping[str, object] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        connection = connect(self.base, 30, self.tls, self.source)
        headers = {
            **(headers or {}),
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            if "csrftoken" not in self.cookies:
                self.request("GET", "/join/")
            body = urllib.parse.urlencode(form, doseq=True)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": self.cookies["csrftoken"],
                    "Referer": self.base + "/",
                    "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                }
            )
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def post(self, path: str, form: Mapping[str, object]) -> tuple[int, dict[str, str], str]:
        return self.request("POST", path, form)

    def login(self, username: str, password: str) -> None:
        self.request("GET", "/accounts/login/")
        status, _h, _t = self.post("/accounts/login/", {"username": username, "password": password})
        assert status == 302, status


class EventReader(threading.Thread):
    """Reads one Server-Sent-Events stream in the background and keeps every event with
    the time it arrived."""

    def __init__(
        self,
        base: str,
        path: str,
        cookies: dict[str, str],
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.tls = tls
        self.path = path
        self.cookies = dict(cookies)
        self.events: list[tuple[float, str, str]] = []  # (time, name, data)
        self.connected = threading.Event()
        self.start()
        assert self.connected.wait(10), "the event stream did not open"

    def run(self) -> None:
        connection = connect(self.base, 120, self.tls)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(
            "GET", self.path, headers={"Cookie": cookie, "Accept": "text/event-stream"}
        )
        response = connection.getresponse()
        self.status = response.status
        self.connected.set()
        name, data = "message", []
        for raw in iter(response.readline, b""):
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and data:
                self.events.append((time.monotonic(), name, "\n".join(data)))
                name, data = "message", []

    def wait_for(self, name: str, contains: str, seconds: float = 10) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for _t, event, data in list(self.events):
                if event == name and contains in data:
                    return data
            time.sleep(0.02)
        seen = [(e, d[:200]) for _t, e, d in self.events[-3:]]
        raise AssertionError(f"no {name!r} event with {contains!r}; last: {json.dumps(seen)}")


def start_workshop(trainer: Browser, title: str = "Live test") -> tuple[int, str]:
    status, headers, _text = trainer.post(
        "/workshops/", {"title": title, "organisation": "demo", "training": "", "cap": 5000}
    )
    assert status == 302, _text[:500]
    workshop_id = int(found(r"/workshops/(\d+)/control/", headers["location"]))
    _s, _h, page = trainer.request("GET", f"/workshops/{workshop_id}/control/")
    code = found(r'<strong class="code">([A-Z0-9]+)</strong>', page)
    return workshop_id, code


def add_and_open(trainer: Browser, workshop_id: int, **fields: str) -> int:
    status, _h, _t = trainer.post(f"/workshops/{workshop_id}/activities/add/", fields)
    assert status == 302, _t[:800]
    _s, _h, page = trainer.request("GET", f"/workshops/{workshop_id}/control/")
    activity_id = max(
        int(n) for n in re.findall(rf"/workshops/{workshop_id}/activities/(\d+)/open/", page)
    )
    status, _h, _t = trainer.post(f"/workshops/{workshop_id}/activities/{activity_id}/open/", {})
    assert status == 302
    return activity_id


def join(base: str, code: str, nickname: str) -> Browser:
    phone = Browser(base)
    status, _headers, text = phone.post("/join/", {"code": code, "nickname": nickname})
    assert status == 302, text[:500]
    return phone
