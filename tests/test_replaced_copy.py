"""models.base.replaced is pydantic's model_copy(update=...) without its generic path: the wording
stage makes some 700 copies per assessment with it, so it must build exactly what model_copy builds."""
from conftest import EXAMPLES


def _models() -> list[type]:
    """Every lexgap model class (the subclasses of models.base.Strict, its modules imported)."""
    from lexgap.models import assessment, comparison, conditions, questionnaire, ruleset  # noqa: F401
    from lexgap.models.base import Strict
    found, todo = [], [Strict]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return found


def test_no_model_allows_extra_keys_or_declares_a_private_attribute():
    """`replaced` passes `__pydantic_extra__` and `__pydantic_private__` on as they are, which is
    model_copy's result only while this holds."""
    models = _models()
    assert len(models) > 10
    for cls in models:
        assert cls.model_config.get("extra") == "forbid" and not cls.__private_attributes__, cls


def test_replaced_builds_what_model_copy_builds():
    from lexgap.models.base import replaced
    from lexgap.pipeline import assess, load
    f = assess(load(str(EXAMPLES / "XFR-freedonia-2025.yaml"))).findings[0]
    ours, theirs = replaced(f, why="x", title="y"), f.model_copy(update={"why": "x", "title": "y"})
    assert type(ours) is type(theirs) and ours == theirs and ours.__dict__ == theirs.__dict__
    assert list(ours.__dict__) == list(theirs.__dict__)
    assert ours.__pydantic_fields_set__ == theirs.__pydantic_fields_set__
    assert (ours.__pydantic_extra__, ours.__pydantic_private__) == (theirs.__pydantic_extra__, None)
    assert ours.model_dump_json(exclude_unset=True) == theirs.model_dump_json(exclude_unset=True)
    assert f.why != "x"  # the original is left as it was
