"""Accessibility: axe-core finds no serious or critical violation on the pages of the walk, field
borders and button text reach WCAG 2.2 AA contrast, and an htmx change moves focus to what
changed and is announced by the polite live region."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.contacts.factories import ContactFactory, OutreachAttemptFactory
from tests.employers.factories import EmployerFactory
from tests.factories import PASSWORD, ValueStatementFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    MeetingFactory,
    QuestionFactory,
    TaskFactory,
    business_slot,
    past_slot,
)
from tests.opportunities.factories import OpportunityFactory

from .conftest import settled, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def demo_like(seeker):
    """A walk in progress, as the demo seeker's: a contact asked, one booked, one met."""
    northwind = EmployerFactory(owner=seeker, name="Northwind Health")
    lumen = EmployerFactory(owner=seeker, name="Lumen Labs")
    priya = ContactFactory(owner=seeker, first_name="Priya", last_name="Raman", employer=northwind)
    OutreachAttemptFactory(contact=ContactFactory(owner=seeker, employer=lumen))
    ValueStatementFactory(owner=seeker)
    QuestionFactory(owner=seeker, text="What does a good first year look like here?")
    booked = MeetingFactory(contact=priya)
    AgendaItemFactory(meeting=booked, text="How did you get into design leadership?")
    met = MeetingFactory(
        contact=ContactFactory(owner=seeker, first_name="Sam", last_name="Ortiz", employer=lumen),
        starts_at=past_slot(seeker.timezone, days_back=1),
    )
    AgendaItemFactory(meeting=met, text="What would you do in my place?")
    TaskFactory(meeting=met, kind="thank_you")
    OpportunityFactory(owner=seeker, employer=northwind, title="Senior Product Designer")
    return priya, booked, met


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))})))"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(v['nodes'][:8])}"
        for v in results
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_the_walk(browser, live_server, alice, width):
    priya, booked, met = demo_like(alice)
    # axe is injected as a script tag, which the page's CSP forbids: this context alone lifts it.
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": width, "height": 900},
        bypass_csp=True,
        reduced_motion="reduce",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        sign_in(page, alice.email, PASSWORD)
        found = {}
        for url in (
            "/dashboard/",
            "/contacts/",
            priya.get_absolute_url(),
            booked.get_absolute_url(),
            f"/meetings/{booked.pk}/prep/",
            f"/meetings/{booked.pk}/run/",
            f"/meetings/{met.pk}/debrief/",
        ):
            page.goto(url)
            assert page.url.endswith(url), f"{url} redirected to {page.url}"
            if violations := axe_violations(page):
                found[url] = violations
        assert not found, "\n".join(
            f"{url}:\n  " + "\n  ".join(violations) for url, violations in found.items()
        )
    finally:
        context.close()


def luminance(rgb: str) -> float:
    """WCAG 2.2 relative luminance of a computed ``rgb(r, g, b)`` colour."""
    channels = [int(c) / 255 for c in re.findall(r"\d+(?:\.\d+)?", rgb)[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_luminance_and_contrast_follow_wcag():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21)
    assert contrast("rgb(222, 226, 230)", "rgb(255, 255, 255)") == pytest.approx(1.3, abs=0.02)
    assert contrast("rgb(255, 193, 7)", "rgb(255, 255, 255)") == pytest.approx(1.63, abs=0.01)


def test_field_borders_and_button_text_reach_aa_contrast(page, alice):
    """axe does not check non-text contrast: a field's border must reach 3:1 against the page,
    and every outline or link button's text 4.5:1 against its background (WCAG 1.4.11, 1.4.3)."""
    sign_in(page, alice.email, PASSWORD)
    page.goto("/profile/")
    # Every kind of button the templates use, drawn on this page to measure them alike.
    kinds = sorted(
        {
            kind
            for template in (settings.BASE_DIR / "templates").rglob("*.html")
            for kind in re.findall(r"\bbtn-(?:outline-)?[a-z]+\b", template.read_text())
            if kind not in {"btn-sm", "btn-lg", "btn-group", "btn-close", "btn-toolbar"}
        }
    )
    assert "btn-outline-warning" in kinds
    # On the page and in a card's footer, a little darker, where the meeting's buttons sit.
    measured = page.evaluate(
        """(kinds) => {
          const container = document.querySelector('main .container');
          container.insertAdjacentHTML('beforeend',
            '<div class="bg-body p-3" id="on-page"></div>' +
            '<div class="card"><div class="card-footer" id="on-footer"></div></div>');
          const colour = (el, prop) => getComputedStyle(el)[prop];
          // The first opaque background from the element up (the footer's is translucent grey
          // over white: blended here, as the eye sees it).
          const background = (el) => {
            let layers = [];
            for (; el; el = el.parentElement) {
              const c = colour(el, 'backgroundColor').match(/[0-9.]+/g).map(Number);
              const alpha = c.length > 3 ? c[3] : 1;
              if (alpha > 0) layers.push([c[0], c[1], c[2], alpha]);
              if (alpha === 1) break;
            }
            let rgb = [255, 255, 255];
            for (const [r, g, b, a] of layers.reverse()) {
              rgb = [r * a + rgb[0] * (1 - a), g * a + rgb[1] * (1 - a), b * a + rgb[2] * (1 - a)];
            }
            return `rgb(${rgb.map(Math.round).join(', ')})`;
          };
          const out = {fields: [], buttons: []};
          for (const box of document.querySelectorAll('#on-page, #on-footer')) {
            for (const [name, html] of [
              ['form-control', '<input class="form-control">'],
              ['form-select', '<select class="form-select"><option>One</option></select>'],
              ['form-check-input', '<input type="checkbox" class="form-check-input">'],
              ['form-check-input radio', '<input type="radio" class="form-check-input">'],
            ]) {
              box.insertAdjacentHTML('beforeend', html);
              const field = box.lastElementChild;
              const border = colour(field, 'borderTopColor');
              out.fields.push([`${name} in #${box.id}`, border, background(box)]);
            }
            for (const kind of kinds) {
              const html = `<button type="button" class="btn ${kind}">Go</button>`;
              box.insertAdjacentHTML('beforeend', html);
              const button = box.lastElementChild;
              const text = colour(button, 'color');
              out.buttons.push([`${kind} in #${box.id}`, text, background(button)]);
            }
          }
          return out;
        }""",
        kinds,
    )
    assert len(measured["buttons"]) == 2 * len(kinds)
    low = [
        f"{name} border {border} on {bg}: {contrast(border, bg):.2f}:1"
        for name, border, bg in measured["fields"]
        if contrast(border, bg) < 3
    ] + [
        f"{name} text {text} on {bg}: {contrast(text, bg):.2f}:1"
        for name, text, bg in measured["buttons"]
        if contrast(text, bg) < 4.5
    ]
    assert not low, "\n".join(low)


def test_an_htmx_change_moves_focus_to_what_changed_and_is_announced(page, alice):
    priya, booked, _met = demo_like(alice)
    AgendaItemFactory(meeting=booked, text="What would you do in my place?")
    sign_in(page, alice.email, PASSWORD)
    live = page.locator("#live-region")
    agenda = page.locator("#agenda")

    # A click: the agenda is redrawn in place, focus lands on it and it is announced.
    page.goto(f"/meetings/{booked.pk}/prep/")
    expect(live).to_have_text("")
    lines = agenda.locator("ol > li").count()
    page.get_by_role("button", name="Move up: What would you do in my place?").click()
    settled(page)
    expect(agenda).to_be_focused()
    expect(live).to_have_text(f"Agenda updated: {lines} questions.")
    expect(agenda.locator("ol > li").first).to_contain_text("What would you do in my place?")

    # A row that leaves the bank: focus stays in the bank, not on the page's top.
    page.locator("#bank details[open] button", has_text="Add").first.click()
    settled(page)
    expect(agenda.locator("ol > li")).to_have_count(lines + 1)
    expect(page.locator("#bank")).to_be_focused()
    expect(live).to_have_text("Added to the agenda.")

    # Typing: the booking form's live check changes beside the field; focus stays in the field.
    page.goto("/meetings/new/")
    page.get_by_label("Contact").select_option(label=f"{priya.full_name} — Northwind Health")
    starts = page.get_by_label("Starts at (your time)")
    starts.fill(business_slot(alice.timezone, days_ahead=2).strftime("%Y-%m-%dT%H:%M"))
    starts.dispatch_event("change")
    expect(page.locator("#local-time")).not_to_be_empty()
    settled(page)
    expect(starts).to_be_focused()
    expect(live).to_have_text("")
    assert page.console_errors == [], page.console_errors
