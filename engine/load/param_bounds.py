"""The bounds of the ruleset's parameters (`range`, `at_most` in ruleset.yaml), checked where a value is set:
the manifest's defaults and the profiles at load time, `--param` on the command line (lexgap.judge.params).
"""
from __future__ import annotations


class ParamError(ValueError):
    """A --param that names no policy parameter, a value of the wrong kind or outside its bounds. Defined
    here, with no import, so that the CLI can catch it on every command without loading a ruleset's models."""


def out_of_range(param, value) -> str | None:
    """Why ``value`` lies outside the parameter's declared range, or None."""
    if param.range is None or not isinstance(value, int):
        return None
    low, high = param.range
    if low <= value <= high:
        return None
    return f"outside {low}-{high}, the values the rules were written for (the default is {param.default})"


def order_problems(declared, values: dict) -> list[str]:
    """Each parameter set above the one it may not exceed (`at_most`), the others at their defaults:
    a partial floor above the full threshold would grade a stronger law lower."""
    def value(name):
        return values.get(name, declared[name].default)
    return [f"{name} ({value(name)}) may not exceed {p.at_most} ({value(p.at_most)}): set {name} to "
            f"{value(p.at_most)} or less as well"
            for name, p in declared.items()
            if p.at_most in declared and (name in values or p.at_most in values)
            and isinstance(value(name), int) and value(name) > value(p.at_most)]
