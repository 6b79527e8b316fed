from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "networking.contacts"
    label = "contacts"

    def ready(self):
        from core.panels import add_panel
        from core.rules import say
        from networking.contacts import at_employer, cadence, csv_parse
        from networking.employers.models import FROM_ABOVE

        # The employer's page and ranked list, filled without employers knowing contacts.
        add_panel("employer", "contacts/_people_here.html", at_employer.people_here)
        FROM_ABOVE.provide("contact_count", at_employer.contact_count)
        FROM_ABOVE.provide("has_advocate", at_employer.has_advocate)

        # The cadence's limits and the import's size, in the words every page says them.
        for name, words in cadence.WORDS.items():
            say(name, words)
        say("csv_max_size", csv_parse.MAX_SIZE)
