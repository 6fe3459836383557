"""The test oracle for YAML positions: every pointer of a document indexed at once, by walking the
node tree (lexgap's ``compose``) beside the plain data, independently of ``YamlDocument.where``
(which finds one pointer at a time in the positions the reader kept)."""
from yaml.nodes import MappingNode, SequenceNode

from lexgap.load.yamlsource import compose, escape_pointer_token


def positions(doc) -> dict[str, tuple[int, int]]:
    found = {"": (1, 1)}
    _collect_positions(compose(doc.text, doc.path), doc.data, "", found)
    return found


def _pos(node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _collect_positions(node, data, pointer: str, positions: dict[str, tuple[int, int]]) -> None:
    """A document has no duplicate keys, so a mapping's key nodes and its data's keys pair up in order."""
    if isinstance(node, MappingNode):
        for (key_node, value_node), key in zip(node.value, data):
            child = pointer + "/" + escape_pointer_token(key)
            positions[child + "#key"] = _pos(key_node)
            positions[child] = _pos(value_node)
            _collect_positions(value_node, data[key], child, positions)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            child = f"{pointer}/{i}"
            positions[child] = _pos(item)
            _collect_positions(item, data[i], child, positions)
