"""The seeker's progress: the dashboard, the network page and the demo story.

The top floor of the house. It reads across every app below it and owns no model; nothing
below imports it (``make lint`` checks the layers).
"""
