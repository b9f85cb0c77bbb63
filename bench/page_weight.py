"""What each page weighs on the wire, and a phone's first use over a 2G-like link.

Against a real ``podium serve`` holding the 2024 panel in its discussion (a
speech under way, three requests waiting), every page is fetched as its role
would fetch it, gzip accepted: the page itself, and on a first visit the
stylesheet and script it names (cached for a year afterwards, so a later visit
costs the page alone). The baseline, in the same run, is the same bytes sent
uncompressed. Then, when Chromium is there, a participant's phone opens its
page through Chromium's network emulation at 250 kbps down, 50 kbps up and
300 ms of latency: the time until "Request the floor" can be pressed, and
until the request is acknowledged on the page; the baseline is the same phone
without the emulation.

    .venv/bin/python bench/page_weight.py
"""

from __future__ import annotations

import gzip
import os
import re
import time
from pathlib import Path
from typing import Any

import httpx
from fanout import podium_with_meeting

STATIC = re.compile(r'(?:href|src)="(/static/[^"]+)"')
TWO_G = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 250_000 / 8,
    "uploadThroughput": 50_000 / 8,
}


def _get(client: httpx.Client, path: str) -> tuple[int, int, bytes]:
    """Bytes on the wire (gzip accepted), bytes of the body itself, and the body."""
    with client.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as response:
        response.raise_for_status()
        body = response.read()
        return response.num_bytes_downloaded, len(body), body


def weigh(base: str, meeting: str, tokens: dict[str, str], phone: str) -> list[dict[str, Any]]:
    pages = [
        ("landing /", None, "/"),
        ("new meeting /new", None, "/new"),
        ("public", None, f"/m/{meeting}"),
        ("participant (phone)", phone, f"/m/{meeting}/me"),
        ("big screen", tokens["display"], f"/m/{meeting}/screen"),
        ("Chair", tokens["chair"], f"/m/{meeting}/chair"),
        ("secretariat", tokens["secretariat"], f"/m/{meeting}/secretariat"),
    ]
    rows = []
    for name, token, path in pages:
        with httpx.Client(base_url=base, timeout=30) as client:
            if token:
                client.get(f"/join/{token}")
            wire, raw, body = _get(client, path)
            assets = STATIC.findall(body.decode())
            assets_wire = assets_raw = 0
            for asset in assets:
                a_wire, a_raw, _body = _get(client, asset)
                assets_wire += a_wire
                assets_raw += a_raw
        rows.append(
            {
                "page": name,
                "html": wire,
                "first": wire + assets_wire,
                "raw": raw + assets_raw,
                "gzip_check": len(gzip.compress(body)),
            }
        )
    return rows


def first_use(base: str, meeting: str, phone: str, throttled: bool) -> dict[str, float]:
    """Seconds to a usable page and to an acknowledged request, with a fresh cache."""
    from playwright.sync_api import expect, sync_playwright

    chromium = os.environ.get("PODIUM_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(f"{base}/join/{phone}")  # the cookie, unthrottled: the link was opened before
        context.clear_cookies()
        page.goto("about:blank")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        if throttled:
            cdp.send("Network.emulateNetworkConditions", TWO_G)
        started = time.perf_counter()
        page.goto(f"{base}/join/{phone}", wait_until="commit")
        button = page.get_by_role("button", name="Request the floor")
        expect(button).to_be_enabled(timeout=30_000)
        page.wait_for_load_state("load", timeout=30_000)
        usable = time.perf_counter() - started
        started = time.perf_counter()
        button.click()
        expect(page.locator("#mine")).to_contain_text("Place", timeout=30_000)
        acknowledged = time.perf_counter() - started
        browser.close()
    return {"usable": usable, "acknowledged": acknowledged}


def main() -> None:
    with podium_with_meeting() as (port, meeting, tokens, _pid):
        base = f"http://127.0.0.1:{port}"
        people = [
            {"name": "Ana Gomez", "delegation": "Brazil", "country": "BR"},
            {"name": "Bikash Rai", "delegation": "Nepal", "country": "NP"},
            {"name": "Chen Li", "delegation": "China", "country": "CN"},
            {"name": "Dana Ivanova", "delegation": "Bulgaria", "country": "BG"},
            {"name": "Emeka Obi", "delegation": "Nigeria", "country": "NG"},
            {"name": "Fatima Zahra", "delegation": "Morocco", "country": "MA"},
        ]
        secretariat = {"Authorization": f"Bearer {tokens['secretariat']}"}
        with httpx.Client(base_url=base, timeout=30) as api:
            registered = api.post(
                f"/api/meetings/{meeting}/participants", json=people, headers=secretariat
            ).json()["participants"]
            links = [str(p["link"]).rsplit("/", 1)[1] for p in registered]
            chair = {"Authorization": f"Bearer {tokens['chair']}"}
            commands = f"/api/meetings/{meeting}/commands"
            for command in ({"type": "open_meeting"}, {"type": "start_segment", "segment": 2}):
                api.post(commands, json=command, headers=chair).raise_for_status()
            for link in links[:4]:
                asked = {"type": "request_floor"}
                api.post(commands, json=asked, headers={"Authorization": f"Bearer {link}"})
            api.post(commands, json={"type": "give_floor"}, headers=chair).raise_for_status()

        rows = weigh(base, meeting, tokens, links[1])
        print("Each page compressed (gzip) as sent; the baseline is the same bytes uncompressed.")
        print(f"{'page':<22} {'page alone':>11} {'first visit':>12} {'uncompressed':>13}")
        for row in rows:
            print(
                f"{row['page']:<22} {row['html']:>9,} B {row['first']:>10,} B {row['raw']:>11,} B"
            )
        if not Path(os.environ.get("PODIUM_CHROMIUM", "/usr/bin/chromium")).exists():
            print("Chromium is not installed: the 2G first use is not measured.")
            return
        slow = first_use(base, meeting, links[4], throttled=True)
        fast = first_use(base, meeting, links[5], throttled=False)
        print()
        print("A phone's first use (fresh cache, from tapping its link):")
        print(
            f"  2G (250 kbps down, 50 up, 300 ms): usable after {slow['usable']:.2f} s, "
            f"request acknowledged {slow['acknowledged']:.2f} s later"
        )
        print(
            f"  baseline, no emulation:            usable after {fast['usable']:.2f} s, "
            f"request acknowledged {fast['acknowledged']:.2f} s later"
        )


if __name__ == "__main__":
    main()
