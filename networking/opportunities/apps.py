from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    """Between meetings and progress: the jobs the network opened, up to the offer."""

    name = "networking.opportunities"
    label = "opportunities"

    def ready(self):
        from core.panels import add_panel
        from networking.employers.models import FROM_ABOVE as EMPLOYER_COLUMNS
        from networking.opportunities import columns, selectors

        # The employer's, contact's and meeting's pages show the opportunities without knowing us.
        add_panel("employer", "opportunities/_panel.html", selectors.employer_panel)
        add_panel("contact", "opportunities/_panel.html", selectors.contact_panel)
        add_panel("meeting", "opportunities/_panel.html", selectors.meeting_panel)
        # And the ranked list shows where one is open.
        EMPLOYER_COLUMNS.provide("open_opportunities", columns.employer_open_opportunities)
