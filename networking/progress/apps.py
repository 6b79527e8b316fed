from django.apps import AppConfig


class ProgressConfig(AppConfig):
    """The top floor: pages that read across employers, contacts and meetings."""

    name = "networking.progress"
    label = "progress"
    verbose_name = "Progress"

    def ready(self):
        from core.panels import add_panel
        from networking.progress import coach_notes

        # A coach's note about a contact or a meeting shows on that page too.
        add_panel("contact", "progress/_coach_notes_panel.html", coach_notes.contact_panel)
        add_panel("meeting", "progress/_coach_notes_panel.html", coach_notes.meeting_panel)
