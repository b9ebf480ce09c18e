"""Help in plain words: ``N``, ``FILE`` or ``YYYY-MM-DD`` instead of Python types.

Typer shows each parameter's Python type (``<int>``, ``<list[str]>``, ``<bool>`` for a flag),
number ranges as ``[0<=x<=1440]`` and a required argument as ``{EXERCISE}``. Typer builds its
parameter objects itself, so :class:`PlainGroup`, the class of the root command, turns every
parameter under it into its plain subclass once, when the command tree is built: an option
shows the metavar its command declares (or its kind, ``N``, ``TEXT``, ``FILE``) and a flag
shows none; an argument shows its name, in brackets when it is optional. The help text of
each option says its range in words.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.core

# Typer's type labels (``display_type``) -> what a person reads.
KINDS = {"int": "N", "float": "NUMBER", "path": "FILE", "file": "FILE", "bool": ""}


def kind_of(param: typer.core.TyperOption, ctx: Any) -> str:
    """Nothing for a flag; else the value's kind in capitals (``N``, ``FILE``, ``TEXT``)."""
    if param.is_flag or param.count:
        return ""
    label = param.display_type(ctx).strip("<>").removeprefix("list[").removesuffix("]")
    return KINDS.get(label.split(" ")[0], "TEXT")


class PlainOption(typer.core.TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        return self.metavar if self.metavar is not None else kind_of(self, ctx)

    def _get_number_range_help_str(self) -> str | None:
        return None


class PlainArgument(typer.core.TyperArgument):
    @property
    def plain_name(self) -> str:
        name = self.metavar or (self.name or "value").upper()
        return name + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self.plain_name

    def _usage_display_name(self) -> str:
        return self.plain_name if self.required else f"[{self.plain_name}]"

    def _get_number_range_help_str(self) -> str | None:
        return None


def make_plain(command: Any) -> None:
    """Make ``command``'s parameters, its help option and its subcommands' plain."""
    help_option = command.get_help_option(typer.Context(command))
    for param in [*command.params, *([help_option] if help_option else [])]:
        if type(param) is typer.core.TyperOption:
            param.__class__ = PlainOption
        elif type(param) is typer.core.TyperArgument:
            param.__class__ = PlainArgument
    if isinstance(command, typer.core.TyperGroup):
        for sub in command.commands.values():
            make_plain(sub)


class PlainGroup(typer.core.TyperGroup):
    """A group whose commands, all the way down, speak plainly in their help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        make_plain(self)
