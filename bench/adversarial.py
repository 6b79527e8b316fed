"""Adversarial checks against a running Schmooze: double submits at the same instant, and slow
clients. Nothing twice, nothing broken.

    .venv/bin/python bench/adversarial.py http://127.0.0.1:8000
    .venv/bin/python bench/adversarial.py http://localhost:8000 --email me@x.example \\
        --password '…' --slow-connections 96 --slow-seconds 30

Without ``--email`` it signs up a fresh seeker of its own through the sign-up page; with
one, it signs in as that seeker and adds its own contacts, meetings and one small CSV import
to their data (every name it writes starts with "Adv"). It speaks to the site as a browser
does: pages over HTTP, CSRF tokens read from the forms, a session cookie per client.

Each race fires the same POST from N threads released at one instant by a barrier, then
reads the site back and prints what it found, e.g.

    double booking: 1 meeting created of 10 attempts — OK (302×1, 200×9)

The slow-client case opens connections that send a POST body one byte a second and,
meanwhile, times a normal request (plain HTTP only). Straight against gunicorn, enough slow
bodies (more than its workers × threads) hold every thread and the normal request waits;
behind a buffering proxy (the compose file's nginx) the proxy holds them instead.

It exits 0 when every check is OK, 1 otherwise.

Only the standard library: it runs from any Python 3.11.
"""

import argparse
import csv
import html
import http.cookiejar
import io
import re
import socket
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
PASSWORD = "adversarial-Seeker-2718"
TIMEOUT = 60


# --- talking to the site like a browser --------------------------------------------------


@dataclass
class Page:
    status: int
    url: str
    location: str
    body: str

    def forms(self) -> list["Form"]:
        parser = _FormParser()
        parser.feed(self.body)
        return parser.forms

    def form_with(self, field: str) -> "Form":
        """The form on the page that has ``field`` (a page also has the log-out form)."""
        for form in self.forms():
            if field in form.names():
                return form
        raise LookupError(f"no form with a {field!r} field on {self.url} ({self.status})")


@dataclass
class Form:
    action: str
    fields: list  # [name, value] pairs, in page order, as a browser would send them

    def names(self) -> set[str]:
        return {name for name, _ in self.fields}

    def data(self, **changes) -> list[tuple[str, str]]:
        """The form as the page filled it, with ``changes`` (``a__0__b`` names ``a-0-b``)."""
        changes = {name.replace("__", "-"): value for name, value in changes.items()}
        kept = [(name, value) for name, value in self.fields if name not in changes]
        return kept + [(name, str(value)) for name, value in changes.items()]


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form(a.get("action") or "", [])
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.fields.append(
                [a["name"], a.get("value", "on" if kind == "checkbox" else "")]
            )
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in a:
                self._select[2] = value
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, first, chosen = self._select
            self._form.fields.append([name, chosen if chosen is not None else (first or "")])
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields.append([self._textarea[0], self._textarea[1].lstrip("\n")])
            self._textarea = None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One client: its own cookie jar (session, CSRF cookie), redirects shown, not followed."""

    def __init__(self, base: str, cookies: http.cookiejar.CookieJar | None = None):
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        for cookie in cookies or []:
            self.jar.set_cookie(cookie)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects()
        )

    def twin(self) -> "Browser":
        """Another client with the same cookies: the same seeker in another tab."""
        return Browser(self.base, list(self.jar))

    def url(self, path: str) -> str:
        return path if path.startswith("http") else self.base + path

    def open(self, path, data=None, headers=None) -> Page:
        request = urllib.request.Request(self.url(path), data=data, headers=headers or {})
        request.add_header("Referer", self.url(path))  # Django checks it over HTTPS
        try:
            with self.opener.open(request, timeout=TIMEOUT) as answer:
                return Page(answer.status, answer.url, "", answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as answer:
            body = answer.read().decode("utf-8", "replace")
            return Page(answer.code, self.url(path), answer.headers.get("Location", ""), body)

    def get(self, path) -> Page:
        return self.open(path)

    def post(self, path, fields) -> Page:
        body = urllib.parse.urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.open(path, body, headers)

    def post_file(self, path, fields, name, filename, content: bytes) -> Page:
        boundary = uuid.uuid4().hex
        parts = []
        for key, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: text/csv\r\n\r\n'
        )
        body = "".join(parts).encode() + content + f"\r\n--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.open(path, body, headers)

    def submit(self, path, field, **changes) -> Page:
        """Open ``path``, fill the form that has ``field`` with ``changes``, and post it."""
        form = self.get(path).form_with(field)
        return self.post(form.action or path, form.data(**changes))


def expect(page: Page, status: int, what: str) -> Page:
    if page.status != status:
        errors = re.findall(r'class="invalid-feedback[^"]*"[^>]*>(.*?)</', page.body, re.S)
        errors += re.findall(r'class="alert[^"]*"[^>]*>(.*?)</div>', page.body, re.S)
        detail = "; ".join(
            " ".join(html.unescape(re.sub("<[^>]+>", " ", e)).split()) for e in errors
        )
        raise SystemExit(f"setup failed: {what}: HTTP {page.status} at {page.url} {detail[:400]}")
    return page


# --- the seeker, their clock and their things ----------------------------------------------


def sign_up(base: str, email: str) -> Browser:
    browser = Browser(base)
    page = browser.submit(
        "/accounts/signup/",
        "password1",
        name="Adv Seeker",
        email=email,
        password1=PASSWORD,
        password2=PASSWORD,
    )
    expect(page, 302, f"signing up {email}")
    return browser


def sign_in(base: str, email: str, password: str) -> Browser:
    browser = Browser(base)
    page = browser.submit("/accounts/login/", "password", username=email, password=password)
    expect(page, 302, f"signing in as {email}")
    return browser


def zone_of(browser: Browser) -> ZoneInfo:
    form = browser.get("/profile/").form_with("timezone")
    return ZoneInfo(dict(form.fields).get("timezone") or "UTC")


def business_day(start: date, step: int) -> date:
    """``abs(step)`` weekdays after (or before) ``start``."""
    day, left = start, abs(step)
    while left:
        day += timedelta(days=1 if step > 0 else -1)
        if day.weekday() < 5:
            left -= 1
    return day


def at(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute).strftime(DATETIME_LOCAL)


def new_contact(browser: Browser, zone: ZoneInfo, first: str, email: str = "") -> int:
    page = browser.submit(
        "/contacts/new/",
        "first_name",
        first_name=first,
        last_name="Adversary",
        email=email,
        title="Director of Design",
        level="director",
        timezone=str(zone),
    )
    expect(page, 302, f"adding the contact {first}")
    return int(re.search(r"/contacts/(\d+)/", page.location).group(1))


def export_rows(browser: Browser) -> list[dict]:
    page = expect(browser.get("/contacts/export.csv"), 200, "reading the contacts export")
    return list(csv.DictReader(io.StringIO(page.body, newline="")))


# --- races -------------------------------------------------------------------------------


def race(clients: list[Browser], prepare, fire) -> list:
    """Run ``prepare(i, client)`` in every thread (fetch a form and its token), wait until all
    are ready, then ``fire(i, client, prepared)`` at the same instant. An answer or the error."""
    barrier = threading.Barrier(len(clients))
    answers = [None] * len(clients)

    def run(index):
        try:
            prepared = prepare(index, clients[index])
        except Exception as error:
            barrier.abort()
            answers[index] = error
            return
        try:
            barrier.wait(timeout=TIMEOUT)
            answers[index] = fire(index, clients[index], prepared)
        except Exception as error:
            answers[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def codes(answers) -> str:
    counted = Counter(
        a.status if isinstance(a, Page) else type(a).__name__ for a in answers
    ).most_common()
    return ", ".join(f"{code}×{count}" for code, count in counted)


def server_errors(answers) -> int:
    return sum(1 for a in answers if not isinstance(a, Page) or a.status >= 500)


def report(results, case, found, attempts, allowed, unit, answers, note=""):
    broken = server_errors(answers)
    ok = found == allowed and not broken
    verdict = "OK" if ok else "RACE" if found > allowed else "WRONG"
    noun = unit.format(s="" if found == 1 else "s")
    extra = f", {broken} server error{'s' if broken != 1 else ''}" if broken else ""
    line = (
        f"{case}: {found} {noun} of {attempts} attempts (expected {allowed}) — {verdict} "
        f"({codes(answers)}{extra}){' ' + note if note else ''}"
    )
    print(line, flush=True)
    results.append(ok)


def form_ready(path, field):
    def prepare(index, client):
        return client.get(path).form_with(field)

    return prepare


def race_booking(seeker, zone, n, results, today):
    contact = new_contact(seeker, zone, "Adv Booking")
    for days_ahead in (5, 6, 7, 8):
        slot = at(business_day(today, days_ahead), 10, 30)

        def fire(index, client, form, slot=slot):
            data = form.data(
                contact=contact,
                starts_at=slot,
                duration_minutes=20,
                location="Video call",
                status="scheduled",
            )
            return client.post(form.action or "/meetings/new/", data)

        clients = [seeker.twin() for _ in range(n)]
        answers = race(clients, form_ready("/meetings/new/", "starts_at"), fire)
        created = {
            a.location for a in answers if isinstance(a, Page) and a.status == 302 and a.location
        }
        if created:
            break
    report(results, "double booking", len(created), n, 1, "meeting{s} created", answers)


def race_contact(seeker, zone, n, results, tag):
    email = f"adv.twin.{tag}@example.com"

    def fire(index, client, form):
        data = form.data(
            first_name=f"Adv Twin {index}",
            last_name="Adversary",
            email=email if index % 2 else email.upper(),
            timezone=str(zone),
        )
        return client.post(form.action or "/contacts/new/", data)

    clients = [seeker.twin() for _ in range(n)]
    answers = race(clients, form_ready("/contacts/new/", "first_name"), fire)
    found = sum(1 for row in export_rows(seeker) if row["email"].lower() == email)
    report(results, "double contact create (one email)", found, n, 1, "contact{s}", answers)


def race_signup(base, n, results, tag):
    email = f"adv.signup.{tag}@example.com"
    spellings = [email, email.upper(), email.capitalize(), f" {email} "]

    def fire(index, client, form):
        data = form.data(
            name="Adv Twin",
            email=spellings[index % len(spellings)],
            password1=PASSWORD,
            password2=PASSWORD,
        )
        return client.post(form.action or "/accounts/signup/", data)

    clients = [Browser(base) for _ in range(n)]
    answers = race(clients, form_ready("/accounts/signup/", "password1"), fire)
    made = sum(1 for a in answers if isinstance(a, Page) and a.status == 302)
    told = sum(
        1 for a in answers if isinstance(a, Page) and a.status == 200 and "already exists" in a.body
    )
    note = f"{told} told the account exists"
    report(results, "double signup", made, n, 1, "account{s} created", answers, note)


def race_import(seeker, n, results, tag):
    rows = [(f"Adv Import {i}", f"adv.import.{tag}.{i}@example.com") for i in range(3)]
    content = "first_name,last_name,email\n" + "".join(
        f"{first},Adversary,{email}\n" for first, email in rows
    )
    upload_form = seeker.get("/contacts/import/").form_with("csrfmiddlewaretoken")
    page = seeker.post_file(
        "/contacts/import/",
        upload_form.data(),
        "file",
        f"adv-{tag}.csv",
        content.encode(),
    )
    expect(page, 302, "uploading the CSV file")

    def fire(index, client, form):
        return client.post("/contacts/import/preview/", form.data(confirm=""))

    clients = [seeker.twin() for _ in range(n)]
    answers = race(clients, form_ready("/contacts/import/preview/", "key"), fire)
    emails = {email for _, email in rows}
    found = sum(1 for row in export_rows(seeker) if row["email"] in emails)
    note = f"({len(rows)} rows in the file: expected {len(rows)} contacts, once)"
    report(results, "double CSV import confirm", found, n, len(rows), "contact{s}", answers, note)


def held_meeting(seeker, zone, today) -> tuple[int, int]:
    contact = new_contact(seeker, zone, "Adv Debrief")
    for days_back in (1, 2, 3, 4, 5):
        page = seeker.submit(
            "/meetings/new/",
            "starts_at",
            contact=contact,
            starts_at=at(business_day(today, -days_back), 11),
            duration_minutes=20,
            location="Their office",
            status="held",
        )
        if page.status == 302:
            return int(re.search(r"/meetings/(\d+)/", page.location).group(1)), contact
    expect(page, 302, "booking a meeting held in the past")
    raise AssertionError


def race_debrief(seeker, zone, n, results, today, tag) -> tuple[int, int]:
    meeting, contact = held_meeting(seeker, zone, today)
    referral = f"Adv Referral {tag}"
    path = f"/meetings/{meeting}/debrief/"

    def fire(index, client, form):
        data = form.data(
            actual_minutes=20,
            impression="engaged",
            notes="Useful, and two names to call.",
            referrals__0__first_name=referral,
            referrals__0__last_name="Adversary",
        )
        return client.post(path, data)

    clients = [seeker.twin() for _ in range(n)]
    answers = race(clients, form_ready(path, "actual_minutes"), fire)
    referrals = sum(1 for row in export_rows(seeker) if row["first_name"] == referral)
    detail = seeker.get(f"/meetings/{meeting}/").body
    thanks = detail.count(">Thank-you note</span>")
    report(results, "double debrief", referrals, n, 1, "referral contact{s} created", answers)
    report(results, "double debrief", thanks, n, 1, "thank-you task{s}", answers)
    return meeting, contact


def race_thank_you(seeker, n, results, meeting, contact):
    detail = seeker.get(f"/meetings/{meeting}/").body
    found = re.search(r">Thank-you note</span>.*?/meetings/tasks/(\d+)/done/", detail, re.S)
    if not found:
        print("double thank-you task done: no open thank-you task to mark — SKIPPED")
        return
    path = f"/meetings/tasks/{found.group(1)}/done/"

    def prepare(index, client):
        return client.get(f"/meetings/{meeting}/").form_with("next")

    def fire(index, client, form):
        return client.post(path, form.data(next=f"/meetings/{meeting}/"))

    clients = [seeker.twin() for _ in range(n)]
    answers = race(clients, prepare, fire)
    logged = seeker.get(f"/contacts/{contact}/").body.count("outreach-thank_you")
    report(results, "double thank-you task done", logged, n, 1, "thank-you note{s} logged", answers)


def race_follow_up(seeker, zone, n, results, today):
    contact = new_contact(seeker, zone, "Adv Follow")
    path = f"/contacts/{contact}/outreach/new/"
    history = [("request", 16), ("follow_up", 8)]
    for kind, days_back in history:
        page = seeker.submit(
            f"{path}?kind={kind}",
            "sent_at",
            kind=kind,
            channel="email",
            sent_at=at(business_day(today, -days_back), 10),
            message=f"Adv {kind}: could I ask your advice on design teams?",
            reply="none",
            replied_at="",
        )
        expect(page, 302, f"logging the {kind}")

    def fire(index, client, form):
        data = form.data(
            kind="follow_up",
            channel="email",
            sent_at=at(business_day(today, -1), 10),
            message="Adv: a last polite follow-up.",
            reply="none",
            replied_at="",
        )
        return client.post(path, data)

    clients = [seeker.twin() for _ in range(n)]
    answers = race(clients, form_ready(f"{path}?kind=follow_up", "sent_at"), fire)
    logged = seeker.get(f"/contacts/{contact}/").body.count("outreach-follow_up") - 1
    report(
        results,
        "double follow-up",
        logged,
        n,
        1,
        "second follow-up{s} logged",
        answers,
        "(SPEC §4: at most 2 per request; one was sent before)",
    )


# --- slow clients ------------------------------------------------------------------------


def slow_clients(base, connections, seconds, results):
    """``connections`` clients send a POST body one byte a second for ``seconds``; meanwhile
    a normal GET is timed every second. Fine if it stays within a second or so."""
    target = urllib.parse.urlsplit(base)
    host, port = target.hostname, target.port or (443 if target.scheme == "https" else 80)
    if target.scheme == "https":
        print("slow clients: https is not supported by this check — SKIPPED")
        return

    def timed_get() -> float | None:
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=seconds + 30) as answer:
                answer.read()
        except Exception:
            return None
        return time.perf_counter() - start

    before = [timed_get() for _ in range(5)]
    stop = threading.Event()
    opened = []

    def dribble():
        try:
            sock = socket.create_connection((host, port), timeout=10)
        except OSError:
            return
        opened.append(sock)
        head = (
            f"POST /accounts/login/ HTTP/1.1\r\nHost: {target.netloc}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {seconds * 4}\r\n\r\n"
        )
        try:
            sock.sendall(head.encode())
            while not stop.wait(1):
                sock.sendall(b"u")
        except OSError:
            pass
        finally:
            sock.close()

    threads = [threading.Thread(target=dribble, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    # The slow clients give up on their own after ``seconds``, so a stalled request is timed
    # to its end rather than left hanging.
    threading.Timer(seconds + 2, stop.set).start()
    time.sleep(2)
    during, deadline = [], time.monotonic() + seconds
    while time.monotonic() < deadline:
        during.append(timed_get())
        time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join(timeout=5)

    def summary(samples):
        done = [s for s in samples if s is not None]
        failed = len(samples) - len(done)
        if not done:
            return f"all {failed} failed"
        text = f"median {statistics.median(done) * 1000:.0f} ms, worst {max(done) * 1000:.0f} ms"
        return text + (f", {failed} failed" if failed else "")

    worst = max((s for s in during if s is not None), default=None)
    ok = worst is not None and worst < 2 and all(s is not None for s in during)
    print(
        f"slow clients: {len(opened)} connections sending a body one byte a second for "
        f"{seconds} s; GET /healthz before: {summary(before)}; during: {summary(during)} — "
        f"{'OK' if ok else 'STALLED'}",
        flush=True,
    )
    results.append(ok)


# --- the run -----------------------------------------------------------------------------


def run_races(base, n, tag, email, password, results):
    """Every race, for one seeker: the one named, or a new one signed up for the run."""
    if email:
        seeker, who = sign_in(base, email, password), email
    else:
        who = f"adv.seeker.{tag}@example.com"
        seeker = sign_up(base, who)
    zone = zone_of(seeker)
    today = datetime.now(zone).date()
    print(f"against {base} as {who} (zone {zone}), {n} attempts per race", flush=True)

    race_booking(seeker, zone, n, results, today)
    meeting, contact = race_debrief(seeker, zone, n, results, today, tag)
    race_thank_you(seeker, n, results, meeting, contact)
    race_follow_up(seeker, zone, n, results, today)
    race_contact(seeker, zone, n, results, tag)
    race_import(seeker, n, results, tag)
    race_signup(base, n, results, tag)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--email", help="a seeker's email (default: sign up a new seeker)")
    parser.add_argument("--password", help="that seeker's password")
    parser.add_argument("--threads", type=int, default=10, help="attempts per race (10)")
    parser.add_argument("--slow-connections", type=int, default=48, help="slow clients (48)")
    parser.add_argument("--slow-seconds", type=int, default=20, help="how long they dribble (20)")
    parser.add_argument("--skip-slow", action="store_true", help="run the races only")
    parser.add_argument("--skip-races", action="store_true", help="run the slow clients only")
    args = parser.parse_args(argv)
    if args.email and not args.password:
        parser.error("--password goes with --email")

    base, n, tag = args.base_url.rstrip("/"), args.threads, uuid.uuid4().hex[:8]
    results: list[bool] = []
    if not args.skip_races:
        run_races(base, n, tag, args.email, args.password, results)
    if not args.skip_slow:
        slow_clients(base, args.slow_connections, args.slow_seconds, results)
    print(f"{sum(results)} of {len(results)} checks OK", flush=True)
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
