"""Exports: functions from domain objects to files (illustrations, calendars, reports)."""
