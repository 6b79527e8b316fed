import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from core.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_signup_creates_an_account_and_lands_on_the_dashboard(client):
    response = client.post(
        reverse("signup"),
        {
            "name": "Chloé Dubois",
            "email": "Chloe@Example.com",
            "password1": "correct-horse-battery",
            "password2": "correct-horse-battery",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    user = User.objects.get()
    assert user.email == "chloe@example.com"
    assert user.check_password("correct-horse-battery")
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert "Hello, Chloé" in dashboard.content.decode()


def test_signup_keeps_input_and_explains_errors(client, alice):
    response = client.post(
        reverse("signup"),
        {"name": "Al", "email": "ALICE@example.com", "password1": "x1", "password2": "x2"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "An account with this email already exists" in body
    assert 'value="Al"' in body
    assert User.objects.count() == 1


def test_signup_rejects_a_weak_password(client):
    response = client.post(
        reverse("signup"),
        {"email": "new@example.com", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "too common" in response.content.decode()
    assert not User.objects.exists()


def test_login_with_email_and_logout_by_post_only(client, alice):
    response = client.post(
        reverse("login"), {"username": "Alice@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200

    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("dashboard")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_wrong_password_shows_an_error(client, alice):
    response = client.post(reverse("login"), {"username": alice.email, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email" in response.content.decode()


def test_login_locks_out_after_five_failures_then_cools_off(client, alice, settings):
    for _ in range(5):
        client.post(reverse("login"), {"username": alice.email, "password": "wrong"})
    response = client.post(reverse("login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    # Fifteen minutes later the door opens again.
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = client.post(reverse("login"), {"username": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    client.post(reverse("logout"))
    for _ in range(5):
        client.post(reverse("login"), {"username": alice.email, "password": "wrong"})
    # Another account from the same address is not punished for it.
    bob = UserFactory(email="bob@example.com")
    response = client.post(reverse("login"), {"username": bob.email, "password": PASSWORD})
    assert response.status_code == 302


def test_a_successful_login_resets_the_failure_count(client, alice):
    for _ in range(4):
        client.post(reverse("login"), {"username": alice.email, "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": alice.email, "password": PASSWORD}).status_code
        == 302
    )
    client.post(reverse("logout"))
    for _ in range(4):
        client.post(reverse("login"), {"username": alice.email, "password": "wrong"})
    assert (
        client.post(reverse("login"), {"username": alice.email, "password": PASSWORD}).status_code
        == 302
    )


def test_password_reset_works_end_to_end(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "brand-new-secret-99", "new_password2": "brand-new-secret-99"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("brand-new-secret-99")
    # The link works once.
    assert "This link has expired" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_email_sends_nothing(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-fine-secret-7",
            "new_password2": "another-fine-secret-7",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another-fine-secret-7")


def test_landing_is_public_and_sends_signed_in_users_to_the_dashboard(client, alice):
    response = client.get("/")
    assert response.status_code == 200
    assert "informational meetings" in response.content.decode()
    client.force_login(alice)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
