"""Settings for the test suite: production settings with test-friendly switches."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-anything-else-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("EMAIL_URL", "consolemail://")

from core.settings import *  # noqa: F403

# PBKDF2 costs ~300 ms a hash on a small machine; tests need no such strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the finders; no collectstatic needed before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tasks run as they are enqueued; one test runs them through the database and its worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE_URL = "https://schmooze.test"
