"""One email, one account: a second sign-up with the same email, in any case, at any moment,
is told "An account with this email already exists", never a server error (SPEC §2)."""

import threading
from unittest import mock

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from core.forms import SignupForm
from core.models import User

SIGNUP = "/accounts/signup/"
TAKEN = "An account with this email already exists"


def sign_up(client, email):
    return client.post(
        SIGNUP,
        {
            "name": "Ann Lee",
            "email": email,
            "password1": "correct-horse-battery",
            "password2": "correct-horse-battery",
        },
    )


@pytest.mark.django_db
def test_signing_up_again_in_another_case_is_refused_with_a_form_error(client):
    assert sign_up(client, "Ann.Lee@Example.com").status_code == 302
    client.post("/accounts/logout/")
    response = sign_up(client, "  ANN.LEE@example.COM ")
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    assert list(User.objects.values_list("email", flat=True)) == ["ann.lee@example.com"]


@pytest.mark.django_db
def test_a_twin_sign_up_written_between_the_check_and_the_write_gets_a_form_error(client):
    checked = SignupForm.is_valid

    def twin_lands_after_the_check(form):
        valid = checked(form)
        User.objects.create_user("Ann@Example.com", "another-password-77")
        return valid

    with mock.patch.object(SignupForm, "is_valid", twin_lands_after_the_check):
        response = sign_up(client, "ann@example.com")
    assert response.status_code == 200
    assert TAKEN in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_account_in_another_case():
    User.objects.create_user("ann@example.com", "x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="Ann@Example.com")  # past the manager's normalising
    assert User.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_ten_sign_ups_at_once_with_one_email_make_one_account():
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs concurrent writers: run on PostgreSQL (DATABASE_URL)")
    spellings = ["race@example.com", "Race@Example.com", "RACE@EXAMPLE.COM", " race@example.com"]
    attempts = 10
    start, checked_by_all = threading.Barrier(attempts), threading.Barrier(attempts)
    answers = [None] * attempts
    checked = SignupForm.is_valid

    def every_twin_checks_before_any_writes(form):
        # The worst interleaving, every time: all ten find the email free, then all write.
        valid = checked(form)
        checked_by_all.wait(timeout=10)
        return valid

    def attempt(index):
        try:
            client = Client(raise_request_exception=False)
            start.wait(timeout=10)
            answers[index] = sign_up(client, spellings[index % len(spellings)])
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    with mock.patch.object(SignupForm, "is_valid", every_twin_checks_before_any_writes):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    codes = sorted(answer.status_code for answer in answers)
    assert codes == [200] * (attempts - 1) + [302]
    for answer in answers:
        if answer.status_code == 200:
            assert TAKEN in answer.content.decode()
    assert list(User.objects.values_list("email", flat=True)) == ["race@example.com"]
