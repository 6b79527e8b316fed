"""The platform: health check, security headers, error pages, production settings, demo."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.utils import OperationalError
from django.test import override_settings
from django.urls import reverse

from core.models import User, ValueStatement

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["schmooze.example.com"], SECURE_SSL_REDIRECT=True)
def test_healthz_answers_a_probe_over_plain_http_with_an_ip_for_a_host(client):
    # A load balancer or Docker's HEALTHCHECK asks http://127.0.0.1:8000/healthz.
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert (response.status_code, response.content) == (200, b"ok")
    # Every other page still insists on a known host and on HTTPS.
    assert client.get("/", HTTP_HOST="127.0.0.1:8000").status_code == 400
    assert client.get("/", HTTP_HOST="schmooze.example.com").status_code == 301


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, alice):
    client.force_login(alice)
    for url in ["/dashboard/", "/profile/"]:
        body = client.get(url).content.decode()
        assert "<script>" not in body and "style=" not in body, url


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_unknown_pages_get_the_products_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    from core.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


# What the test settings put in the environment must not leak into "production".
TEST_ONLY = {
    "DJANGO_SETTINGS_MODULE",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _run_manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    environment.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "a-production-grade-secret-key-with-plenty-of-entropy-0193847561029384",
    "ALLOWED_HOSTS": "schmooze.example.com",
    "DATABASE_URL": "sqlite:////tmp/schmooze-check.sqlite3",
}


def test_check_deploy_is_clean_with_production_settings():
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _run_manage("check", **{**PRODUCTION, "SECRET_KEY": None})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.filter(email="demo@schmooze.example").count() == 1
    demo = User.objects.get(email="demo@schmooze.example")
    assert demo.check_password("schmooze-demo")
    assert ValueStatement.objects.filter(owner=demo).count() == 3
    out = capsys.readouterr().out
    assert "demo@schmooze.example / schmooze-demo" in out
    assert "http://127.0.0.1:8000/admin/ with coach@schmooze.example / schmooze-coach" in out
    assert User.objects.filter(email="coach@schmooze.example").count() == 1
    assert demo.coach_assignments.active().count() == 1
    assert [view.kind for view in demo.record_views.all()] == ["value statement", "profile"]


@pytest.mark.django_db
def test_seed_demo_names_the_address_the_site_is_served_on(capsys):
    # `PORT=8310 make run` must not send the newcomer to port 8000.
    call_command("seed_demo", url="http://127.0.0.1:8310")
    assert "http://127.0.0.1:8310/accounts/login/" in capsys.readouterr().out


@pytest.mark.django_db
def test_seed_demo_leaves_other_seekers_alone(alice):
    call_command("seed_demo")
    assert User.objects.filter(pk=alice.pk).exists()


@pytest.mark.django_db
def test_the_demo_seeker_can_sign_in_and_see_the_dashboard(client):
    call_command("seed_demo")
    client.force_login(User.objects.get(email="demo@schmooze.example"))
    response = client.get(reverse("dashboard"))
    assert "Senior Product Designer" in response.content.decode()
