from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Accounts"


class AdminConfig(admin_apps.AdminConfig):
    """The admin app, with Schmooze's own site as ``admin.site`` (core/admin_site.py)."""

    default = False  # ``core`` itself is CoreConfig
    default_site = "core.admin_site.SchmoozeAdminSite"
