from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "networking.meetings"
    label = "meetings"
