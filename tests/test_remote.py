"""Remote images (IMG003, IMG008): every case against servers on 127.0.0.1, never the internet.

The servers are on loopback, so these tests turn the private-address guard off
(``allow-private = true``), except where they assert its refusal. Deadlines and timeouts are
small, so that every test ends in a few seconds.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
from remote_servers import (
    Server,
    by_method,
    drip,
    endless,
    hang_up,
    hotlink_protected,
    image,
    redirect,
    sequence,
    serving,
    silent,
    status,
)

from postlint.api import lint_paths
from postlint.config import Config, ConfigFile, Overrides
from postlint.diagnostics import Diagnostic
from postlint.remote import RemoteRun, addresses, remote_run
from postlint.remote.options import BROWSER_USER_AGENT
from postlint.remote.statistics import failing_hosts

FAST = {"allow-private": True, "deadline": 2.0, "connect-timeout": 1.0, "host-interval": 0.0}


def post(*urls: str, policy: str | None = None) -> str:
    attribute = f' referrerpolicy="{policy}"' if policy else ""
    images = "".join(f'<p><img src="{url}"{attribute} alt="x"></p>\n' for url in urls)
    return f"---\ntitle: Lanterns\ndate: 2024-11-06\n---\n{images}"


def check(
    root: Path,
    posts: dict[str, str],
    run: RemoteRun | None = None,
    **options: Any,
) -> list[Diagnostic]:
    """Write ``posts`` under ``root`` and lint them with IMG003 and IMG008 selected."""
    for name, text in posts.items():
        path = root / "_posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    given = {key.replace("_", "-"): value for key, value in options.items()}
    rules = {"IMG003": {"enabled": True, **FAST, **given}}
    config = Config(root=root, file=ConfigFile.model_validate({"rules": rules}))
    with remote_run(run or RemoteRun()):
        report = lint_paths(
            [root / "_posts"], config=config, overrides=Overrides(["IMG003", "IMG008"])
        )
    return report.diagnostics


def verdicts(diagnostics: list[Diagnostic]) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in diagnostics]


def one(root: Path, server: Server, path: str, **options: Any) -> list[tuple[str, str]]:
    """Check one post with one image, ``path`` on ``server``."""
    name = "2024-11-06-lanterns.md"
    return verdicts(check(root, {name: post(server.url(path))}, **options))


def test_an_image_is_fine_after_one_head_request(tmp_path: Path) -> None:
    with serving({"/a.png": image()}) as server:
        assert one(tmp_path, server, "/a.png") == []
    (request,) = server.requests
    assert request.method == "HEAD"
    assert request.headers["user-agent"] == BROWSER_USER_AGENT
    assert request.headers["accept-encoding"] == "identity"
    assert "referer" not in request.headers  # no site-url, so no page to refer from


def test_404_is_broken_at_the_source_attribute(tmp_path: Path) -> None:
    with serving({}) as server:
        diagnostics = check(tmp_path, {"2024-11-06-a.md": post(server.url("/gone.png"))})
    (found,) = diagnostics
    assert (found.code, found.line, found.column, found.end_line) == ("IMG003", 5, 9, 5)
    assert found.message == f'remote image "{server.url("/gone.png")}" is broken: HTTP 404 Reason'
    assert [r.method for r in server.requests] == ["HEAD", "GET"]  # HEAD may lie: GET confirms


def test_500_then_200_is_retried(tmp_path: Path) -> None:
    with serving({"/a.png": sequence(status(500), status(500), image())}) as server:
        assert one(tmp_path, server, "/a.png") == []
    head, get, retry = server.requests
    assert (head.method, get.method, retry.method) == ("HEAD", "GET", "GET")
    assert retry.time - get.time >= 0.45  # the first pause: half a second


def test_a_dropped_connection_is_tried_again(tmp_path: Path) -> None:
    with serving({"/a.png": sequence(hang_up(), image())}) as server:
        assert one(tmp_path, server, "/a.png") == []
    assert [r.method for r in server.requests] == ["HEAD", "HEAD"]


def test_429_waits_as_long_as_retry_after_says(tmp_path: Path) -> None:
    with serving({"/a.png": sequence(status(429, retry_after="1"), image())}) as server:
        assert one(tmp_path, server, "/a.png") == []
    first, second = server.requests
    assert second.time - first.time >= 0.95


def test_persistent_429_is_unverified(tmp_path: Path) -> None:
    with serving({"/a.png": status(429, retry_after="0")}) as server:
        ((code, message),) = one(tmp_path, server, "/a.png", retries=1)
    assert code == "IMG008"
    assert message.endswith("could not be checked: HTTP 429 Reason (after 2 tries)")


def test_head_refused_then_get_with_a_range(tmp_path: Path) -> None:
    with serving({"/a.png": by_method(status(405), image())}) as server:
        assert one(tmp_path, server, "/a.png") == []
    head, get = server.requests
    assert (head.method, get.method, get.headers["range"]) == ("HEAD", "GET", "bytes=0-1023")


@pytest.mark.parametrize(("hops", "broken"), [(3, False), (6, True)])
def test_redirect_chains_of_up_to_five_hops(tmp_path: Path, hops: int, broken: bool) -> None:
    routes = {f"/r{n}": redirect(f"/r{n + 1}") for n in range(hops)}
    routes[f"/r{hops}"] = image()
    with serving(routes) as server:
        found = one(tmp_path, server, "/r0")
    if broken:
        assert found == [("IMG003", found[0][1])]
        assert found[0][1].endswith("is broken: more than 5 redirects")
    else:
        assert found == []
        assert server.count() == hops + 1


def test_a_redirect_loop_is_broken(tmp_path: Path) -> None:
    with serving({"/a": redirect("/b"), "/b": redirect("/a")}) as server:
        ((code, message),) = one(tmp_path, server, "/a")
    assert code == "IMG003"
    assert message.endswith(f'is broken: redirect loop: back to "{server.url("/a")}"')


def test_the_guard_refuses_a_name_of_127_0_0_1_and_a_redirect_to_a_private_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serving({"/a.png": image(), "/away": redirect("http://127.0.0.2/a.png")}) as server:
        url = server.url("/a.png", host="localhost")  # a name that resolves to 127.0.0.1
        found = verdicts(check(tmp_path, {"2024-11-06-a.md": post(url)}, allow_private=False))
        assert server.count() == 0
        assert found == [
            (
                "IMG008",
                f'remote image "{url}" could not be checked: the private-address guard refused '
                "localhost (127.0.0.1 is loopback); set allow-private = true to check images "
                "on private hosts",
            )
        ]
        # The server stands in for a public host: the guard lets 127.0.0.1 alone through.
        refusal = addresses.refusal
        monkeypatch.setattr(
            addresses, "refusal", lambda a: None if str(a) == "127.0.0.1" else refusal(a)
        )
        ((code, message),) = one(tmp_path / "2", server, "/away", allow_private=False)
    assert code == "IMG008"
    assert "the private-address guard refused 127.0.0.2 (127.0.0.2 is loopback)" in message
    assert server.count("/away") == 1
    assert server.count("/a.png") == 0


def test_the_connection_goes_to_the_checked_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lookups: list[str] = []

    async def resolve(host: str) -> list[addresses.IPAddress]:
        lookups.append(host)
        return [ipaddress.IPv4Address("127.0.0.1")]

    monkeypatch.setattr(addresses, "resolve", resolve)
    with serving({"/a.png": image(), "/b.png": image()}) as server:
        urls = [server.url(path, host="images.test") for path in ("/a.png", "/b.png")]
        assert check(tmp_path, {"2024-11-06-a.md": post(*urls)}) == []
    # Only the guard's lookup: the system resolver does not know images.test.
    assert lookups == ["images.test"]
    assert {r.headers["host"] for r in server.requests} == {f"images.test:{server.port}"}


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("127.1", "loopback"),
        ("2130706433", "loopback"),
        ("0x7f000001", "loopback"),
        ("0177.0.0.1", "loopback"),
        ("[::ffff:127.0.0.1]", "loopback"),
        ("[::1]", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("[fe80::1]", "link-local"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("[fd12:3456::1]", "unique-local"),
        ("93.184.215.14", None),
        ("[2606:2800:21f:cb07:6820:80da:af6b:8b2c]", None),
    ],
)
def test_the_guard_reads_every_form_of_address(host: str, kind: str | None) -> None:
    address = addresses.host_address(host)
    assert address is not None
    assert addresses.refusal(address) == kind


def test_an_html_page_served_as_an_image_is_broken(tmp_path: Path) -> None:
    page = status(200, b"<!doctype html><p>Not found</p>", content_type="text/html; charset=utf-8")
    with serving({"/a.jpg": page}) as server:
        ((code, message),) = one(tmp_path, server, "/a.jpg")
    assert code == "IMG003"
    assert message.endswith('is broken: served as "text/html", not as an image')


def test_a_slow_drip_ends_within_the_deadline(tmp_path: Path) -> None:
    with serving({"/a.png": drip(0.2)}) as server:
        ((code, message),) = one(tmp_path, server, "/a.png", deadline=1.0)
    assert code == "IMG008"
    assert message.endswith("could not be checked: no complete answer within 1 s")


def test_a_server_that_never_answers_is_unverified(tmp_path: Path) -> None:
    with serving({"/a.png": silent()}) as server:
        ((code, message),) = one(tmp_path, server, "/a.png", deadline=1.0)
    assert code == "IMG008"
    assert message.endswith("no complete answer within 1 s")


def test_an_endless_body_is_read_up_to_the_cap(tmp_path: Path) -> None:
    sent = [0]
    with serving({"/a.png": by_method(status(405), endless(sent))}) as server:
        assert one(tmp_path, server, "/a.png", max_bytes=10_000, deadline=5.0) == []
    assert sent[0] < 64 * 2**20  # what the sockets' buffers held when the client hung up


def test_hot_link_protection_meets_the_referer_the_policy_sends(tmp_path: Path) -> None:
    with serving({"/a.png": hotlink_protected()}) as server:
        url = server.url("/a.png")
        posts = {
            "2024-11-06-default.md": post(url),
            "2024-11-06-hidden.md": post(url, policy="no-referrer"),
            "2024-11-06-full.md": post(url, policy="unsafe-url"),
        }
        found = check(tmp_path, posts, site_url="http://blog.example")
    assert [(Path(d.path).name, d.code) for d in found] == [
        ("2024-11-06-default.md", "IMG003"),
        ("2024-11-06-full.md", "IMG003"),
    ]
    assert found[0].message.endswith(
        "HTTP 403 Reason (requested with Referer http://blog.example/)"
    )
    referers = sorted(r.headers.get("referer", "") for r in server.requests if r.method == "HEAD")
    assert referers == ["", "http://blog.example/", "http://blog.example/2024/11/06/full.html"]


def test_two_thousand_posts_sharing_fifty_urls_fetch_each_once(tmp_path: Path) -> None:
    routes = {f"/{n}.png": image() for n in range(50)}
    with serving(routes) as server:
        urls = [server.url(f"/{n}.png") for n in range(50)]
        posts = {f"2024-11-06-p{n}.md": post(urls[n % 50], urls[(n + 7) % 50]) for n in range(2000)}
        assert check(tmp_path, posts) == []
    assert sorted(r.path for r in server.requests) == sorted(routes)


def test_a_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    routes = {"/a.png": image(), "/busy.png": status(429)}
    with serving(routes) as server:
        posts = {
            "2024-11-06-a.md": post(server.url("/a.png"), server.url("/gone.png")),
            "2024-11-06-b.md": post(server.url("/busy.png")),
        }
        first = check(tmp_path, posts, retries=0)
        count = server.count()
        second = check(tmp_path, posts, retries=0)
        assert second == first
        assert [r.path for r in server.requests[count:]] == ["/busy.png"]  # never cached
        check(tmp_path, posts, RemoteRun(refresh=True), retries=0)  # --refresh-remote
        assert server.count() == 2 * count + 1
    assert sorted(d.code for d in first) == ["IMG003", "IMG008"]


def test_progress_and_the_hosts_with_most_failures(tmp_path: Path) -> None:
    calls: list[tuple[int, int, int]] = []
    run = RemoteRun(progress=lambda done, total, failed: calls.append((done, total, failed)))
    with serving({"/a.png": image()}) as server:
        urls = [server.url(p) for p in ("/a.png", "/b.png")] + [server.url("/c", "localhost")]
        check(tmp_path, {"2024-11-06-a.md": post(*urls)}, run)
    assert sorted(calls)[-1] == (3, 3, 2)
    assert failing_hosts(run.outcomes) == (
        "remote image failures by host:\n"
        " broken  unverified  host\n"
        "      1           0  127.0.0.1\n"
        "      1           0  localhost\n"
    )


def test_selecting_the_rules_alone_never_fetches(tmp_path: Path) -> None:
    with serving({}) as server:
        posts = {"2024-11-06-a.md": post(server.url("/gone.png"))}
        assert check(tmp_path, posts, enabled=False) == []
        assert server.count() == 0
        found = check(tmp_path, posts, RemoteRun(fetch=True), enabled=False)  # --check-remote
    assert [d.code for d in found] == ["IMG003"]
