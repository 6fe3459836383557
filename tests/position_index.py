"""The test oracle for YAML positions: every pointer of a document indexed at once, by walking the
node tree independently of ``YamlDocument.where`` (which finds one pointer at a time)."""
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from lexgap.load.yamlsource import _pos, _scalar, escape_pointer_token


def positions(doc) -> dict[str, tuple[int, int]]:
    found = {"": (1, 1)}
    if doc._root is not None:
        _collect_positions(doc._root, "", found)
    return found


def _collect_positions(node, pointer: str, positions: dict[str, tuple[int, int]]) -> None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                continue
            child = pointer + "/" + escape_pointer_token(_scalar(key_node))
            if child in positions:  # a duplicate key: keep the first
                continue
            positions[child + "#key"] = _pos(key_node)
            positions[child] = _pos(value_node)
            _collect_positions(value_node, child, positions)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            child = f"{pointer}/{i}"
            positions[child] = _pos(item)
            _collect_positions(item, child, positions)
