"""Test helpers: database fixtures for SQLite and PostgreSQL."""
