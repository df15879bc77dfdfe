"""The only package that imports SQLAlchemy: tables, repositories, unit of work and migrations."""

# Every table must be declared before anyone compares or creates the metadata.
from midback.storage import clearance_tables as _clearance_tables  # noqa: F401
from midback.storage import desk_tables as _desk_tables  # noqa: F401
from midback.storage import export_tables as _export_tables  # noqa: F401
from midback.storage import feed_tables as _feed_tables  # noqa: F401
from midback.storage import import_tables as _import_tables  # noqa: F401
from midback.storage import installation_tables as _installation_tables  # noqa: F401
from midback.storage import message_tables as _message_tables  # noqa: F401
from midback.storage import outcome_tables as _outcome_tables  # noqa: F401
from midback.storage import pause_tables as _pause_tables  # noqa: F401
from midback.storage import reminder_tables as _reminder_tables  # noqa: F401
from midback.storage import session_move_tables as _session_move_tables  # noqa: F401
from midback.storage import training_tables as _training_tables  # noqa: F401
