"""Alembic migrations; run them with `midback db upgrade` (see midback.storage.migrate)."""
