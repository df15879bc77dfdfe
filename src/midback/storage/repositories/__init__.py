"""Repositories: the only code that turns table rows into domain objects and back."""
