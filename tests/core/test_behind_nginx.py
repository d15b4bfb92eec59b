"""Journeys behind nginx, as docs/deploy.md sets it up: the shipped deploy/nginx/journeys.conf
(only its ports, certificate and paths changed) with TLS, in front of `journeys serve
--workers 2` sharing Redis. Pages, POSTed answers and the event streams pass through it;
the app believes X-Forwarded-* from nginx and from no one else."""

import os
import re
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest
import redis

from tests.workshops.servers import (
    Browser,
    EventReader,
    Server,
    add_and_open,
    free_port,
    fresh_site,
    start_workshop,
    wait_for_port,
)

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
SHIPPED = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "journeys.conf"
REDIS_URL = "redis://127.0.0.1:6379/14"
METRICS_TOKEN = "a-scraper-token-for-tests"
# Clients at two addresses of this machine (any 127.x.y.z is loopback); nginx and the
# workers talk over 127.0.0.1, the only trusted proxy.
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
# The same budget an answer has without a proxy: buffering would hold it far longer.
ANSWER_TO_PRESENTER_SECONDS = 2.0

pytestmark = pytest.mark.skipif(not NGINX, reason="needs nginx (.ci/run installs it)")


def site_config(https_port: int, http_port: int, app_port: int, folder: Path) -> str:
    """The shipped server blocks, with this test's ports, certificate and folders."""
    config = SHIPPED.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "/etc/letsencrypt/live/journeys.example.org/": f"{folder}/",
        "/var/www/letsencrypt": str(folder / "acme"),
        "server_name journeys.example.org;": "server_name 127.0.0.1;",
    }
    for shipped, here in replacements.items():
        assert shipped in config, f"{SHIPPED} no longer has {shipped!r}"
        config = config.replace(shipped, here)
    # No IPv6 listeners: this test listens on loopback only.
    return re.sub(r"\n\s*listen \[::\]:[^\n]*", "", config)


def self_signed_certificate(folder: Path) -> Path:
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")),
        ],
        check=True,
        capture_output=True,
    )
    return folder / "fullchain.pem"


class Nginx:
    """Debian's nginx, unprivileged where it can be, every path in `folder`."""

    def __init__(self, folder: Path, app_port: int) -> None:
        self.https_port, self.http_port = free_port(), free_port()
        self.certificate = self_signed_certificate(folder)
        site = folder / "journeys.conf"
        site.write_text(site_config(self.https_port, self.http_port, app_port, folder))
        temp = {
            kind: folder / kind for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        }
        main = folder / "nginx.conf"
        main.write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + "worker_processes 1;\nevents { worker_connections 256; }\nhttp {\n"
            + "".join(f"  {kind}_temp_path {path};\n" for kind, path in temp.items())
            + f"  include {site};\n}}\n"
        )
        self.process = subprocess.Popen(
            [
                *(NGINX, "-p", str(folder), "-c", str(main), "-e", str(folder / "error.log")),
                *(
                    "-g",
                    f"daemon off; pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'};",
                ),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for_port(self.https_port, seconds=10)
        except TimeoutError:
            self.process.kill()
            raise AssertionError(self.process.communicate()[1].decode()) from None
        self.tls = ssl.create_default_context(cafile=str(self.certificate))

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def browser(self, source: str = "") -> Browser:
        return Browser(self.url, tls=self.tls, source=source)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    redis.Redis.from_url(REDIS_URL).flushdb()  # rate-limit counts of an earlier run
    folder = tmp_path_factory.mktemp("nginx")
    site = fresh_site(tmp_path_factory.mktemp("behind-nginx") / "var")
    app = Server(
        site,
        redis_url=REDIS_URL,
        workers=2,
        settings={
            "JOURNEYS_HTTPS": "1",
            "JOURNEYS_TRUSTED_PROXIES": "127.0.0.1",
            "JOURNEYS_METRICS_TOKEN": METRICS_TOKEN,
            "JOURNEYS_RATE_WRONG_CODE": "3",
        },
    )
    nginx = Nginx(folder, app.port)
    yield site, app, nginx
    nginx.stop()
    app.stop()


def test_a_page_comes_over_https_with_hsts(deployment):
    _site, _app, nginx = deployment
    status, headers, text = nginx.browser().request("GET", "/")
    assert status == 200, text[:300]
    assert "max-age=31536000" in headers["strict-transport-security"]
    plain = Browser(f"http://127.0.0.1:{nginx.http_port}")
    status, headers, _text = plain.request("GET", "/")
    assert status == 301
    assert headers["location"].startswith("https://")


def test_an_answer_reaches_the_presenter_through_nginx_at_once(deployment):
    site, _app, nginx = deployment
    trainer = nginx.browser()
    trainer.login("demo-trainer", site.password)  # the CSRF check passes behind the proxy
    workshop_id, code = start_workshop(trainer, "Behind nginx")
    room = EventReader(nginx.url, f"/workshops/{workshop_id}/events/", trainer.cookies, nginx.tls)
    assert room.status == 200
    phone = nginx.browser()
    status, _h, _t = phone.post("/join/", {"code": code, "nickname": "Ann"})
    assert status == 302
    poll = add_and_open(trainer, workshop_id, kind="poll", prompt="Proxied?", options="yes\nno")
    room.wait_for("results", "Proxied?")
    sent = time.monotonic()
    status, _h, _t = phone.post(f"/w/{code}/answer/{poll}/", {"option": "a"})
    assert status == 302
    room.wait_for("results", 'answer-count">1<', seconds=ANSWER_TO_PRESENTER_SECONDS)
    arrived = next(t for t, name, data in room.events if 'answer-count">1<' in data)
    assert arrived - sent < ANSWER_TO_PRESENTER_SECONDS


def test_cookies_are_secure_behind_tls_termination(deployment):
    _site, _app, nginx = deployment
    status, headers, _text = nginx.browser().request("GET", "/join/")
    assert status == 200
    assert "csrftoken=" in headers["set-cookie"]
    assert "Secure" in headers["set-cookie"]


def test_a_client_that_skips_nginx_cannot_claim_https(deployment):
    _site, app, _nginx = deployment
    direct = Browser(app.url, source=CLIENT_A)
    status, headers, _text = direct.request("GET", "/", headers={"X-Forwarded-Proto": "https"})
    assert status == 301  # not secure: sent to https, as any plain request is
    assert headers["location"].startswith("https://")


def test_rate_limits_count_the_address_nginx_saw_not_a_forged_one(deployment):
    _site, _app, nginx = deployment
    wrong = {"code": "ZZZZZZ", "nickname": "Guess"}
    a = nginx.browser(source=CLIENT_A)
    statuses = [
        a.request("POST", "/join/", wrong, headers={"X-Forwarded-For": f"198.51.100.{n}"})[0]
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]  # a new forged address each time: no help
    b = nginx.browser(source=CLIENT_B)
    assert b.post("/join/", wrong)[0] == 400  # another client through the same nginx


def scrape(base: str, token: str = METRICS_TOKEN) -> str:
    status, _headers, text = Browser(base).request(
        "GET", "/metrics", headers={"Authorization": f"Bearer {token}"}
    )
    assert status == 200, status
    return text


def metric(text: str, name: str) -> float:
    found = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
    assert found, f"{name} not in the scrape"
    return float(found.group(1))


def test_metrics_add_up_both_workers_and_stay_off_the_internet(deployment):
    site, app, nginx = deployment
    before = scrape(app.url)  # from this machine, as Prometheus would
    trainer = nginx.browser()
    trainer.login("demo-trainer", site.password)
    workshop_id, code = start_workshop(trainer, "Counted")
    phones = [nginx.browser() for _ in range(4)]
    for n, phone in enumerate(phones):
        assert phone.post("/join/", {"code": code, "nickname": f"p{n}"})[0] == 302
    poll = add_and_open(trainer, workshop_id, kind="poll", prompt="Counted?", options="a\nb")
    streams = [
        EventReader(nginx.url, f"/w/{code}/events/", phone.cookies, nginx.tls)
        for phone in phones[:2]
    ]
    for phone in phones:
        assert phone.post(f"/w/{code}/answer/{poll}/", {"option": "a"})[0] == 302
    streams[0].wait_for("activity", "Counted?")
    after = scrape(app.url)
    for_both = [scrape(app.url) for _ in range(4)]  # whichever worker answers
    answers = "journeys_answers_total"
    assert metric(after, answers) - metric(before, answers) == 4
    assert {metric(text, answers) for text in for_both} == {metric(after, answers)}
    opened = metric(after, "journeys_event_streams_open") - metric(
        before, "journeys_event_streams_open"
    )
    assert opened == 2
    assert metric(after, "journeys_live_events_published_total") > 0
    assert metric(after, "journeys_request_duration_seconds_count") > 0
    # Not through nginx, not without the token, not with another.
    status, _h, _t = nginx.browser().request(
        "GET", "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    )
    assert status == 404
    assert Browser(app.url).request("GET", "/metrics")[0] == 404
    wrong = {"Authorization": "Bearer not-the-token"}
    assert Browser(app.url).request("GET", "/metrics", headers=wrong)[0] == 404
