"""Use cases (register, log in, share with a clinician, ...); each takes a unit of work."""
