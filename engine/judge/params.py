"""`--param name=value`: what if a policy threshold were set otherwise (a researcher's question).

Only the parameters the ruleset marks `policy: true` can be changed: those are its own choices
(the age of consent it accepts, the largest close-in-age gap); a threshold that the report or a
binding treaty sets (`child_age`, 18) is not a matter of opinion and is refused. Every output names
the change as a deviation from the ruleset's default (the JSON `deviations`, and the score's
headline), so a what-if result is never mistaken for the assessment.
"""
from __future__ import annotations

import re

from ..load.param_bounds import ParamError, order_problems, out_of_range
from ..load.ruleset import Ruleset


def parse_params(texts: list[str] | None, ruleset: Ruleset) -> dict[str, int | str]:
    """{'min_age_sexual_consent': 18} from ['min_age_sexual_consent=18']; ParamError naming every problem."""
    out: dict[str, int | str] = {}
    errors = []
    declared = ruleset.manifest.parameters
    policy = sorted(n for n, p in declared.items() if p.policy)
    for text in texts or []:
        name, sep, raw = text.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or not name or not raw:
            errors.append(f"--param {text!r}: write NAME=VALUE, e.g. min_age_sexual_consent=18")
            continue
        param = declared.get(name)
        if param is None or not param.policy:
            why = ("it is set by the report or a binding treaty, not a choice of the ruleset" if param is not None
                   else "no such parameter")
            errors.append(f"--param {name}: {why}")
            continue
        if isinstance(param.default, int):
            if not re.fullmatch(r"[0-9]{1,3}", raw):
                errors.append(f"--param {name}={raw}: give a whole number (the default is {param.default})")
                continue
            value: int | str = int(raw)
        else:
            value = raw
        if name in out and out[name] != value:
            errors.append(f"--param {name} is given twice ({out[name]} and {value})")
        out[name] = value
        bad = out_of_range(param, value)
        if bad:
            errors.append(f"--param {name}={value}: {bad}")
    if not errors:
        errors += [f"--param: {e}" for e in order_problems(declared, out)]
    if errors:
        raise ParamError("; ".join(errors) + f" (the policy parameters: {', '.join(policy)})")
    return out
