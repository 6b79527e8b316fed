from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "networking.contacts"
    label = "contacts"
