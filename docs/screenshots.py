"""Take screenshots of Schmooze pages as the demo seeker, at desktop and phone width.

Usage (with a server running, e.g. `make run`):
    .venv/bin/python docs/screenshots.py [BASE_URL] [OUT_DIR] [PATH ...]
Writes OUT_DIR/<name>-desktop.png and OUT_DIR/<name>-phone.png for each path.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "/tmp/shots")
PATHS = sys.argv[3:] or ["/dashboard/", "/profile/"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{BASE}/accounts/login/")
            page.fill("#id_username", "demo@schmooze.example")
            page.fill("#id_password", "schmooze-demo")
            page.click("button[type=submit]")
            page.wait_for_url("**/dashboard/")
            for path in PATHS:
                page.goto(f"{BASE}{path}")
                name = path.strip("/").replace("/", "_") or "home"
                page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
