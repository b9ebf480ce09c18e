"""Read YAML and JSON that a person hands over, within bounds, and quote input only briefly.

PyYAML's safe loader still expands aliases (a few hundred bytes can stand for gigabytes once
printed) and builds integers of any length (Python refuses to print one of over 4,300 digits).
Here aliases are refused, nesting and file size are bounded and numbers are at most
``MAX_NUMBER_CHARS`` characters long.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import Node, ScalarNode

MAX_BYTES = 128 * 1024  # an answers file is about 2 KB
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 32
MESSAGE_CHARS = 300


class DocumentError(ValueError):
    """A file could not be read within the bounds; the message quotes at most a short excerpt."""


def excerpt(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when something was left out."""
    return text if len(text) <= limit else text[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


class _BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def _refuse(self, problem: str) -> ComposerError:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
        return ComposerError(None, None, problem, event.start_mark)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            raise self._refuse("uses an alias (*name); aliases are not accepted, write it out")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise self._refuse(f"nests more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _bounded_number(loader: _BoundedLoader, node: Node) -> Any:
    assert isinstance(node, ScalarNode)
    if len(node.value) > MAX_NUMBER_CHARS:
        raise ConstructorError(
            None,
            None,
            f"has a number of {len(node.value)} characters (at most {MAX_NUMBER_CHARS})",
            node.start_mark,
        )
    if node.tag.endswith(":int"):
        return loader.construct_yaml_int(node)
    return loader.construct_yaml_float(node)


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _bounded_number)
_BoundedLoader.add_constructor("tag:yaml.org,2002:float", _bounded_number)


def _json_number(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_NUMBER_CHARS:
            raise DocumentError(
                f"has a number of {len(text)} characters (at most {MAX_NUMBER_CHARS})"
            )
        return kind(text)

    return parse


def _json_constant(name: str) -> Any:
    raise DocumentError(f"has {name}, which is not a number JSON allows")


def load_yaml(text: str, source: str = "the text") -> Any:
    """One YAML document, without aliases, at most ``MAX_DEPTH`` deep."""
    loader = _BoundedLoader(text)
    loader.name = source  # what the error's position names
    try:
        return loader.get_single_data()
    except yaml.YAMLError as error:
        raise DocumentError(f"is not valid YAML: {excerpt(str(error), MESSAGE_CHARS)}") from None
    finally:
        loader.dispose()


def load_json(text: str) -> Any:
    try:
        return json.loads(
            text,
            parse_int=_json_number(int),
            parse_float=_json_number(float),
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as error:
        raise DocumentError(f"is not valid JSON: {excerpt(str(error), MESSAGE_CHARS)}") from None
    except RecursionError:
        raise DocumentError("nests too deeply to be read") from None


def load_file(path: Path) -> Any:
    """A YAML file, or a JSON one when its name ends in ``.json``, of at most ``MAX_BYTES``."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise DocumentError(f"cannot be read ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(f"is larger than {MAX_BYTES // 1024} KiB; an answers file is ~2 KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError("cannot be read (it is not UTF-8 text)") from None
    return load_json(text) if path.suffix.lower() == ".json" else load_yaml(text, path.name)
