"""Read a YAML file into plain Python *and* remember the line every value came from.

Validation errors must name file and line, so we compose the node tree (which carries marks) and build
a map from key paths, e.g. ``("key_points", 2, "text")``, to 1-based line numbers while constructing.
PyYAML's C loader keeps this fast; it silently accepts duplicate mapping keys, so we detect them here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gauntlet.errors import ContentProblem

if TYPE_CHECKING:  # pragma: no cover
    import yaml

# Where a value sits in its document: mapping keys (plain scalars) and list indexes, e.g. ("key_points", 2, "text").
KeyPath = tuple[str | int | float | None, ...]


@dataclass
class YamlDocument:
    """A parsed file: its data, where each value started, and duplicate-key problems found."""

    path: Path
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)

    def line(self, *key_path: str | int | float | None) -> int | None:
        """Line of the deepest known ancestor of ``key_path`` (the file's first line at worst)."""
        for cut in range(len(key_path), -1, -1):
            found = self.lines.get(tuple(key_path[:cut]))
            if found is not None:
                return found
        return 1


def _yaml_loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    # PyYAML is imported on the first parse, not with this module: a command served from the document
    # cache (see document_cache) never parses, and the import is ~13 ms of every CLI start.
    try:  # libyaml is ~10x faster; the pure-Python loader gives identical results
        from yaml import CSafeLoader

        return CSafeLoader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader

        return SafeLoader


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path``. Raises nothing: unreadable or malformed files come back with ``problems``."""
    import yaml

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return YamlDocument(path, None, problems=[ContentProblem(path, None, f"cannot read file: {exc.strerror}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); save the file as UTF-8"
        return YamlDocument(path, None, problems=[ContentProblem(path, line, message)])
    if text.startswith("\ufeff"):
        text = text[1:]

    loader = _yaml_loader()(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDocument(path, None, problems=[ContentProblem(path, 1, "file is empty")])
        doc = YamlDocument(path, None)
        doc.data = _construct(node, (), loader, doc, text.splitlines())
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (exc.context, exc.problem) if part)
        return YamlDocument(path, None, problems=[ContentProblem(path, at, f"invalid YAML: {what}")])
    except yaml.YAMLError as exc:
        return YamlDocument(path, None, problems=[ContentProblem(path, None, f"invalid YAML: {exc}")])
    finally:
        loader.dispose()


_GLUED_COMMENT = re.compile(r"\s+#\S")


def _construct(node: yaml.Node, key_path: KeyPath, loader: Any, doc: YamlDocument, lines: list[str]) -> Any:
    import yaml  # already imported by read_yaml: a dictionary lookup

    doc.lines[key_path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                doc.problems.append(
                    ContentProblem(doc.path, key_node.start_mark.line + 1, "mapping keys must be plain words")
                )
                continue
            if key in result:
                doc.problems.append(
                    ContentProblem(
                        doc.path,
                        key_node.start_mark.line + 1,
                        f"duplicate key '{key}' (first at line {doc.lines[key_path + (key,)]})",
                    )
                )
                continue
            doc.lines[key_path + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, key_path + (key,), loader, doc, lines)
            # A value's own mark is where its text starts; the key's line reads better in messages.
            doc.lines[key_path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, key_path + (i,), loader, doc, lines) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode) and not node.style:  # plain (unquoted): None or "" by loader
        _check_cut_by_comment(node, lines, doc)
    return loader.construct_object(node, deep=True)


def _check_cut_by_comment(node: yaml.ScalarNode, lines: list[str], doc: YamlDocument) -> None:
    """In an unquoted value, " #" starts a comment: "pieces with ##." silently loses "##.". A comment
    written as one (``# note``, a space after the hash) is left alone; a hash glued to text is reported."""
    end = node.end_mark
    if end.line >= len(lines):
        return
    rest = lines[end.line][end.column:]
    if _GLUED_COMMENT.match(rest):
        dropped = rest.strip()
        doc.problems.append(ContentProblem(
            doc.path, end.line + 1, f"'{dropped}' is read as a YAML comment and dropped from the value before it: "
                                    "put the value in double quotes"))
