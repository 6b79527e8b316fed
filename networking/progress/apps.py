from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The top floor: pages that read across employers, contacts and meetings."""

    name = "networking.progress"
    label = "progress"
    verbose_name = "Progress"
