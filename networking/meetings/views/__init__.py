"""Views of the meetings app, one module per step of the walk."""
