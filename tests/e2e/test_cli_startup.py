"""`midback --version` and `--help` start fast: no command module (and none of the heavy
libraries they use) is imported until its command runs."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from midback.cli import app
from midback.cli.root import _Commands

HEAVY = ("sqlalchemy", "fpdf", "PIL", "alembic", "midback.content", "midback.config")

PROBE = """
import json, sys
sys.argv = ["midback", *json.loads(sys.argv[1])]
from midback.cli import main
try:
    main()
except SystemExit:
    pass
finally:
    print("\\n" + json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str) -> tuple[str, set[str]]:
    """What `midback <args>` prints, and every module it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    printed, _, modules = done.stdout.rpartition("\n[")
    return printed, set(json.loads("[" + modules))


def test_version_imports_neither_typer_nor_any_command() -> None:
    printed, modules = modules_after("--version")
    assert printed.strip().startswith("midback ")
    assert not {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}
    assert not [m for m in modules for heavy in HEAVY if m.startswith(heavy)]


def test_help_lists_every_command_without_importing_them() -> None:
    printed, modules = modules_after("--help")
    for name in _Commands.lazy:
        assert f"  {name} " in printed
    assert not [m for m in modules for heavy in HEAVY if m.startswith(heavy)]
    assert not [m for m in modules if m.startswith("midback.cli.") and m not in (
        "midback.cli.root", "midback.cli.lazy")]  # fmt: skip


def test_each_listed_help_is_the_commands_own() -> None:
    runner = CliRunner()
    for name, entry in _Commands.lazy.items():
        command = entry.load(name)
        assert (command.help or "").split("\n\n")[0].strip() == entry.help, name
        shown = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0, (name, shown.output)


def test_serve_help_shows_the_defaults() -> None:
    shown = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"}).output
    assert (
        "Port (default: 8000)." in shown and "Address to listen on (default: 127.0.0.1)." in shown
    )
    assert "Port ." not in shown
