from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "networking.meetings"
    label = "meetings"

    def ready(self):
        from core.panels import add_panel
        from networking.contacts.models import FROM_ABOVE as CONTACT_COLUMNS
        from networking.contacts.services import add_outreach_hook
        from networking.employers.models import FROM_ABOVE as EMPLOYER_COLUMNS
        from networking.meetings import columns, selectors, thank_yous, timeline

        # The contact's and the employer's pages show their meetings without knowing us.
        add_panel("contact", "meetings/_panel.html", selectors.contact_panel)
        add_panel("contact", "meetings/_timeline.html", timeline.contact_timeline)
        add_panel("employer", "meetings/_panel.html", selectors.employer_panel)
        # And their lists know who is booked or met, and when the next meeting is.
        for column in CONTACT_COLUMNS.defaults:
            CONTACT_COLUMNS.provide(column, getattr(columns, f"contact_{column}"))
        EMPLOYER_COLUMNS.provide("next_meeting_at", columns.employer_next_meeting_at)
        # A thank-you logged on the contact's page ticks its task; deleted, it reopens it.
        add_outreach_hook(
            "meetings.thank_yous",
            logged=thank_yous.thank_you_logged,
            deleted=thank_yous.message_deleted,
        )
