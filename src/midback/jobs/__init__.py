"""Background work: reminders, alert and reset emails, off the request path.

`tasks` holds the work itself (plain functions of a `JobContext`); `inprocess` runs it inside the
one server process (the embedded SQLite default); `queue` runs it through procrastinate on
PostgreSQL, where `midback worker` processes execute it. `Jobs` is what request handlers use to
hand work over, whichever runner is in force.
"""
