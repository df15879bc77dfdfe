"""Commands imported only when they run, so `midback --help` and `--version` start fast.

Every command module pulls in heavy libraries (SQLAlchemy, the PDF writer, the content loader):
importing them all took seconds before the first line of help. The root group lists each
command by its name and one-line help, kept here, and imports the command's module only when
that command is asked for (run, or its own `--help`).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperGroup


@dataclass(frozen=True)
class LazyCommand:
    """A command by where it lives: `module:attribute`, a Typer app or a command function."""

    target: str
    help: str
    also_import: tuple[str, ...] = ()
    """Modules that register more subcommands on the app when imported."""

    def load(self, name: str) -> Any:
        """The click command, imported now."""
        for module in self.also_import:
            importlib.import_module(module)
        module_name, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module_name), attribute)
        if isinstance(found, typer.Typer):  # a group, as `add_typer` would have made it
            command: Any = typer.main.get_group(found)
        else:  # a function: a one-command app of its own
            single = typer.Typer(rich_markup_mode="rich", add_completion=False)
            single.command(name=name)(found)
            command = typer.main.get_command(single)
        command.name = name
        return command


class LazyGroup(TyperGroup):
    """A Typer group whose commands are imported on first use (`commands` names them)."""

    lazy: dict[str, LazyCommand] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._listing = False
        for name, entry in self.lazy.items():
            if name not in self.commands:
                self.commands[name] = _Stub(name=name, help=entry.help, short_help=entry.help)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command, imported unless only its name and help are needed (the root's help)."""
        found = self.commands.get(cmd_name)
        if isinstance(found, _Stub) and not self._listing:
            found = self.lazy[cmd_name].load(cmd_name)
            self.commands[cmd_name] = found
        return found

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The root's help lists the commands from their stubs: nothing is imported."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


class _Stub(typer.core.TyperCommand):
    """Stands for a command not imported yet: a name and a line of help."""
