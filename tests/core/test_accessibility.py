"""Accessibility built into every page: one polite live region and the script that fills it;
axe-core is a test tool, not something the site serves."""

import re

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_every_page_has_one_polite_live_region_and_the_script_that_fills_it(client, alice):
    for url in ["/", "/accounts/login/"]:
        body = client.get(url).content.decode()
        regions = re.findall(r'<div id="live-region"[^>]*>', body)
        assert len(regions) == 1, url
        assert 'role="status"' in regions[0] and 'aria-live="polite"' in regions[0]
        assert re.search(r'<script src="[^"]*/js/announce\.js" defer></script>', body), url
    client.force_login(alice)
    assert client.get("/dashboard/").content.decode().count('id="live-region"') == 1


def test_axe_core_is_not_collected_as_a_static_file():
    collected = [path for finder in finders.get_finders() for path, _storage in finder.list([])]
    assert "js/announce.js" in collected
    assert not [path for path in collected if "axe" in path.lower()]
