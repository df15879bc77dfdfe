"""The `midback` command line: browse the library, check content, serve the app.

`midback --version` answers before any library is imported; everything else goes through the
Typer app in cli/root.py, whose commands are imported only when they run (cli/lazy.py).
`from midback.cli import app` still gives that app.
"""

from __future__ import annotations

import sys

from midback import __version__


def main() -> None:
    """Entry point of the `midback` script."""
    if sys.argv[1:] == ["--version"]:  # the quickest answer: no Typer, no Rich
        print(f"midback {__version__}")
        return
    from midback.cli.root import app

    app()


def __getattr__(name: str) -> object:
    """`midback.cli.app`: the Typer app, imported on first use."""
    if name == "app":
        from midback.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
