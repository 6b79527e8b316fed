"""Email sent in the background: the request that asks for it does not wait for the mail server.

``send_email`` is a task (django-tasks): the database backend keeps it until a worker
(``manage.py db_worker``) sends it; a failed send is kept as a failed task, with its
traceback, in the admin's "Tasks Database Backend" section.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    from_email: str | None = None,
    headers: dict | None = None,
) -> int:
    message = EmailMultiAlternatives(
        subject, body, from_email or settings.DEFAULT_FROM_EMAIL, to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
