"""The demo seeker's story: the contacts chapter."""


def seed(user) -> None:
    """Add this chapter to the demo seeker user (called by ``manage.py seed_demo``)."""
