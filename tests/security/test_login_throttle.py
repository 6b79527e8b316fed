"""The log-in throttle counts wrong passwords per account and address, whatever the case the
email is typed in, on the site's log-in page and on the admin's (SPEC §2)."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import RequestFactory, override_settings

from core.accounts import client_address, normalise_email, throttle_username
from core.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SITE_LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
SPELLINGS = [
    "victim@example.com",
    "VICTIM@example.com",
    "Victim@Example.Com",
    " victim@EXAMPLE.com ",
    "vIcTiM@example.COM",
]


@pytest.fixture
def victim(db):
    # Staff, so that the right password would open the admin as well as the site.
    return UserFactory(email="victim@example.com", is_staff=True, is_superuser=True)


def log_in(client, page, email, password, address="127.0.0.1"):
    return client.post(page, {"username": email, "password": password}, REMOTE_ADDR=address)


def signed_in(response) -> bool:
    return response.status_code == 302


def locked_out(response) -> bool:
    return response.status_code == 429 and "Too many failed log-ins" in response.content.decode()


def test_an_email_has_one_spelling():
    assert normalise_email("  Victim@Example.COM\n") == "victim@example.com"
    assert normalise_email(None) == ""


def test_an_account_is_found_by_its_email_in_any_case(victim):
    for spelling in SPELLINGS:
        assert User.objects.get_by_natural_key(spelling) == victim
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key("victim@example.org")


@pytest.mark.parametrize("page", [SITE_LOGIN, ADMIN_LOGIN])
def test_five_wrong_passwords_in_any_case_lock_every_spelling(client, victim, page):
    for spelling in SPELLINGS:
        assert not signed_in(log_in(client, page, spelling, "wrong-guess"))
    for spelling in SPELLINGS:
        assert locked_out(log_in(client, page, spelling, PASSWORD)), spelling
    # Both doors are one account: the other log-in page is locked too.
    other = ADMIN_LOGIN if page == SITE_LOGIN else SITE_LOGIN
    assert locked_out(log_in(client, other, "VICTIM@EXAMPLE.COM", PASSWORD))


@pytest.mark.parametrize("page", [SITE_LOGIN, ADMIN_LOGIN])
def test_the_right_password_in_another_case_signs_in(client, victim, page):
    response = log_in(client, page, "Victim@EXAMPLE.com", PASSWORD)
    assert signed_in(response)
    assert client.session["_auth_user_id"] == str(victim.pk)


def test_a_success_in_another_case_resets_only_that_account_from_that_address(client, victim):
    bystander = UserFactory(email="bystander@example.com")
    here, elsewhere = "10.0.0.1", "10.0.0.2"
    for spelling in SPELLINGS[:4]:
        log_in(client, SITE_LOGIN, spelling, "wrong-guess", address=here)
        log_in(client, SITE_LOGIN, spelling, "wrong-guess", address=elsewhere)
        log_in(
            client, SITE_LOGIN, spelling.lower().replace("victim", "Bystander"), "x", address=here
        )

    # The victim signs in from here, typing their email in yet another case.
    assert signed_in(log_in(client, SITE_LOGIN, "VICTIM@Example.com", PASSWORD, address=here))
    client.post("/accounts/logout/")

    # From here they start again with five guesses …
    for _ in range(4):
        log_in(client, SITE_LOGIN, "victim@example.com", "wrong-guess", address=here)
    assert signed_in(log_in(client, SITE_LOGIN, "victim@example.com", PASSWORD, address=here))
    client.post("/accounts/logout/")
    # … but the count from the other address and the bystander's count are untouched:
    # one more wrong guess each locks them.
    log_in(client, SITE_LOGIN, "Victim@example.com", "wrong-guess", address=elsewhere)
    assert locked_out(log_in(client, SITE_LOGIN, "victim@example.com", PASSWORD, address=elsewhere))
    log_in(client, SITE_LOGIN, "BYSTANDER@example.com", "x", address=here)
    assert locked_out(log_in(client, SITE_LOGIN, bystander.email, PASSWORD, address=here))


def test_the_throttle_counts_the_normalised_email_from_credentials_or_the_form():
    request = RequestFactory().post(SITE_LOGIN, {"username": " Ann@Example.com"})
    assert throttle_username(request, {"username": "ANN@example.com "}) == "ann@example.com"
    assert throttle_username(request, None) == "ann@example.com"


@override_settings(FORWARDED_ALLOW_IPS=["172.16.0.0/12"])
def test_behind_the_proxy_the_client_is_the_address_the_proxy_saw():
    factory = RequestFactory()
    proxied = factory.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_address(proxied) == "5.6.7.8"  # the first entry is the client's own claim
    direct = factory.get("/", REMOTE_ADDR="9.9.9.9", HTTP_X_FORWARDED_FOR="5.6.7.8")
    assert client_address(direct) == "9.9.9.9"  # a stranger cannot pick their address
    garbage = factory.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_address(garbage) == "172.18.0.5"


@override_settings(FORWARDED_ALLOW_IPS=["172.16.0.0/12"])
def test_behind_the_proxy_each_client_has_its_own_count(client, victim):
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for spelling in SPELLINGS:
        client.post(
            SITE_LOGIN,
            {"username": spelling, "password": "wrong-guess"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
            **proxy,
        )
    attacker = client.post(
        SITE_LOGIN,
        {"username": "victim@example.com", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        **proxy,
    )
    assert locked_out(attacker)
    # The seeker, coming through the same proxy from their own address, still gets in.
    seeker = client.post(
        SITE_LOGIN,
        {"username": "victim@example.com", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert signed_in(seeker)


def _migration():
    return importlib.import_module("core.migrations.0003_email_any_case_and_constraint_messages")


def test_the_migration_brings_existing_emails_to_their_one_spelling(victim):
    User.objects.filter(pk=victim.pk).update(email=" Victim@Example.COM")
    _migration().one_spelling_per_email(apps, None)
    victim.refresh_from_db()
    assert victim.email == "victim@example.com"


def test_the_migration_stops_and_names_accounts_that_differ_only_in_case():
    rows = [(1, "ann@example.com"), (2, "Ann@Example.com"), (3, "bob@example.com")]
    updated = []

    class Users:
        def order_by(self, *_):
            return self

        def values_list(self, *_):
            return self

        def iterator(self):
            return iter(rows)

        def filter(self, **kwargs):
            return SimpleNamespace(update=lambda **values: updated.append((kwargs, values)))

    fake_apps = SimpleNamespace(get_model=lambda *_: SimpleNamespace(objects=Users()))
    with pytest.raises(RuntimeError, match=r"ann@example\.com: #1 'ann@example\.com', #2"):
        _migration().one_spelling_per_email(fake_apps, None)
    assert updated == []
