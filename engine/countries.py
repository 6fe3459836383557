"""Country codes, checked against ISO 3166-1 through pycountry."""
from __future__ import annotations

import difflib
from functools import lru_cache

import pycountry


@lru_cache(maxsize=None)
def _alpha3() -> dict[str, str]:
    return {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}


def is_user_assigned(code: str) -> bool:
    """ISO 3166-1 reserves AAA-AAZ, QMA-QZZ, XAA-XZZ and ZZA-ZZZ for private use
    (here: fictional and training examples)."""
    return len(code) == 3 and code.isalpha() and code.isupper() and (
        code.startswith("AA") or ("QMA" <= code <= "QZZ") or code.startswith("X") or code.startswith("ZZ"))


def country_name(code: str, fallback: str | None = None) -> str:
    return _alpha3().get(code) or fallback or code


def country_problem(code: str) -> str | None:
    """None if ``code`` is an ISO 3166-1 alpha-3 code, else what is wrong."""
    codes = _alpha3()
    if code in codes or is_user_assigned(code):
        return None
    upper = code.upper()
    if upper in codes:
        return f"country code '{code}' must be upper case: '{upper}'"
    two = pycountry.countries.get(alpha_2=upper) if len(code) == 2 else None
    if two is not None:
        return f"'{code}' is an ISO 3166-1 alpha-2 code; use the alpha-3 code '{two.alpha_3}' ({country_name(two.alpha_3)})"
    try:
        fuzzy = pycountry.countries.search_fuzzy(code)
    except LookupError:
        fuzzy = []
    if fuzzy and len(code) > 3:
        return f"'{code}' is not a country code; did you mean '{fuzzy[0].alpha_3}' ({country_name(fuzzy[0].alpha_3)})?"
    hint = difflib.get_close_matches(upper, list(codes), n=1)
    suffix = f"; did you mean '{hint[0]}' ({codes[hint[0]]})?" if hint else ""
    return f"'{code}' is not an ISO 3166-1 alpha-3 country code{suffix}"
