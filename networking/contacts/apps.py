from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "networking.contacts"
    label = "contacts"

    def ready(self):
        from core.panels import add_panel
        from networking.contacts import at_employer
        from networking.employers.models import FROM_ABOVE

        # The employer's page and ranked list, filled without employers knowing contacts.
        add_panel("employer", "contacts/_people_here.html", at_employer.people_here)
        FROM_ABOVE.provide("contact_count", at_employer.contact_count)
        FROM_ABOVE.provide("has_advocate", at_employer.has_advocate)
