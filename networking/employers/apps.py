from django.apps import AppConfig


class EmployersConfig(AppConfig):
    name = "networking.employers"
    label = "employers"
