"""midback: an open-source mid-back (thoracic spine) mobility coach."""

__version__ = "0.1.0"
