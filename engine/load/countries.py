"""Country codes, checked against ISO 3166-1 through pycountry."""
from __future__ import annotations

import difflib
from functools import lru_cache
from types import ModuleType


def _pycountry() -> ModuleType:
    """pycountry, imported when a subdivision or a wrong code needs it: its import reads its own
    version through importlib.metadata, 50 ms of a command that meets neither."""
    import pycountry
    return pycountry


@lru_cache(maxsize=None)
def _alpha3() -> dict[str, str]:
    """alpha-3 code -> the name a reader knows (pycountry's common name, else its name)."""
    return _table(_records())


def _table(records) -> dict[str, str]:
    return {c["alpha_3"]: c.get("common_name") or c["name"] for c in records}


def _alpha3_from_data() -> dict[str, str] | None:
    """The same table from the data file alone (None without it: tests/test_process_cost.py)."""
    records = _records_from_data()
    return None if records is None else _table(records)


@lru_cache(maxsize=1)
def _records() -> tuple[dict, ...]:
    """Every ISO 3166-1 country as pycountry describes it (alpha_3, name, common_name, official_name)."""
    return _records_from_data() or tuple(
        {k: getattr(c, k) for k in ("alpha_3", "name", "common_name", "official_name") if getattr(c, k, None)}
        for c in _pycountry().countries)


@lru_cache(maxsize=1)
def _records_from_data() -> tuple[dict, ...] | None:
    """The same records read from the ISO 3166-1 data file pycountry ships and loads itself (43 KB of JSON,
    1 ms), without importing pycountry; None when the file is not where this version of pycountry keeps
    it or not in its shape, and pycountry answers (tests/test_process_cost.py compares the two)."""
    import importlib.util
    import json
    from pathlib import Path
    try:
        spec = importlib.util.find_spec("pycountry")
        data = json.loads((Path(spec.origin).parent / "databases" / "iso3166-1.json").read_text(encoding="utf-8"))
        records = tuple(data["3166-1"])
    except (ImportError, AttributeError, TypeError, OSError, ValueError, KeyError):
        return None
    good = len(records) > 200 and all(isinstance(c, dict) and isinstance(c.get("alpha_3"), str)
                                      and isinstance(c.get("name"), str) and c["name"] for c in records)
    return records if good else None


def is_user_assigned(code: str) -> bool:
    """ISO 3166-1 reserves AAA-AAZ, QMA-QZZ, XAA-XZZ and ZZA-ZZZ for private use
    (here: fictional and training examples)."""
    return len(code) == 3 and code.isalpha() and code.isupper() and (
        code.startswith("AA") or ("QMA" <= code <= "QZZ") or code.startswith("X") or code.startswith("ZZ"))


def real_country_named(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the country ``name`` names (its common or official name, in any case,
    with or without a leading 'the'), or None: a user-assigned code must not stand for a real country, whose
    profile and treaties its own code decides (review 13, N2: Sweden filed as XSE shed three treaty gaps)."""
    return _names().get(_name_key(name or "")) if (name or "").strip() else None


def _name_key(text: str) -> str:
    text = " ".join(text.casefold().split())
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every name pycountry knows a country by -> its alpha-3 code."""
    out: dict[str, str] = {}
    for c in _records():
        for attr in ("name", "common_name", "official_name"):
            if c.get(attr):
                out.setdefault(_name_key(c[attr]), c["alpha_3"])
    return out


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
    two = _pycountry().countries.get(alpha_2=upper) if len(code) == 2 else None
    if two is not None:
        return f"'{code}' is an ISO 3166-1 alpha-2 code; use the alpha-3 code '{two.alpha_3}' ({country_name(two.alpha_3)})"
    try:
        fuzzy = _pycountry().countries.search_fuzzy(code)
    except LookupError:
        fuzzy = []
    if fuzzy and len(code) > 3:
        return f"'{code}' is not a country code; did you mean '{fuzzy[0].alpha_3}' ({country_name(fuzzy[0].alpha_3)})?"
    hint = difflib.get_close_matches(upper, list(codes), n=1)
    suffix = f"; did you mean '{hint[0]}' ({codes[hint[0]]})?" if hint else ""
    return f"'{code}' is not an ISO 3166-1 alpha-3 country code{suffix}"


# --- sub-national jurisdictions (ISO 3166-2) -------------------------------------------------------
# Criminal law is often made by states and provinces (New York's Safe Harbor Act, the Australian
# states' sex offender registers, Scotland's own criminal law), so a questionnaire may describe one
# subdivision of its country. Treaty questions are still answered for the country: only States ratify.


def subdivision_name(code: str | None) -> str | None:
    """'US-NY' -> 'New York'; None for None or an unknown code."""
    sub = _pycountry().subdivisions.get(code=code) if code else None
    return sub.name if sub is not None else None


def _alpha3_of_alpha2(alpha2: str) -> str | None:
    c = _pycountry().countries.get(alpha_2=alpha2)
    return c.alpha_3 if c is not None else None


def subdivision_problem(country: str, code: str) -> str | None:
    """None if ``code`` is an ISO 3166-2 subdivision of ``country`` (alpha-3), else what is wrong.

    A user-assigned country (fictional or training) has no ISO subdivisions, so none is accepted:
    an invented code could collide with a real one and would have no name to show.
    """
    if is_user_assigned(country):
        return (f"'{country}' is a user-assigned country code, which has no ISO 3166-2 subdivisions; "
                "leave out `subdivision` (name the region in `country_name` instead)")
    sub = _pycountry().subdivisions.get(code=code)  # pycountry ignores case; ISO codes are upper case
    if sub is not None and sub.code != code:
        return f"subdivision code '{code}' must be upper case: '{sub.code}'"
    if sub is not None:
        owner = _alpha3_of_alpha2(sub.country_code)
        if country not in _alpha3() or owner == country:
            return None  # an invalid country is reported on its own
        return (f"'{code}' ({sub.name}) is a subdivision of {country_name(owner)} ({owner}), "
                f"not of {country_name(country)} ({country})")
    alpha2 = _pycountry().countries.get(alpha_3=country) if country in _alpha3() else None
    own = sorted(_pycountry().subdivisions.get(country_code=alpha2.alpha_2) or [], key=lambda s: s.code) if alpha2 else []
    hint = ({s.name.casefold(): s for s in own}.get(code.casefold())       # 'New York'
            or (_pycountry().subdivisions.get(code=f"{alpha2.alpha_2}-{code}") if alpha2 else None))  # 'NY'
    if hint is None:
        close = difflib.get_close_matches(code.upper(), [s.code for s in own], n=1)
        hint = _pycountry().subdivisions.get(code=close[0]) if close else None
    of = f" of {country_name(country)} ({country})" if alpha2 else ""
    suffix = f"; did you mean '{hint.code}' ({hint.name})?" if hint else (
        "" if own or not alpha2 else f"; ISO 3166-2 lists no subdivisions for {country_name(country)}")
    return f"'{code}' is not an ISO 3166-2 subdivision code{of}{suffix}"


def country_of_subdivision(code: str) -> str | None:
    """'US-NY' -> 'USA'; for an unknown code the country its prefix names ('US-XX' -> 'USA', so
    that the problem can suggest a subdivision of that country); None if neither is known."""
    sub = _pycountry().subdivisions.get(code=code)
    return _alpha3_of_alpha2(sub.country_code if sub is not None else code.split("-")[0].upper())


def jurisdiction_label(code: str, name: str, subdivision: str | None = None) -> str:
    """'United States — New York (US-NY)' or 'Kenya (KEN)': how reports name what was assessed."""
    sub_name = subdivision_name(subdivision) if subdivision else None
    if subdivision:
        return f"{name} — {sub_name or subdivision} ({subdivision})"
    return f"{name} ({code})"


def result_jurisdiction(result) -> dict[str, str]:
    """{code, name} of an assessment's country, plus subdivision and subdivision_name for sub-national law."""
    c = result.country
    out = {"code": c.code, "name": c.name}
    if c.subdivision:
        out.update(subdivision=c.subdivision, subdivision_name=c.subdivision_name or c.subdivision)
    return out


def result_label(result) -> str:
    """'United States — New York (US-NY)' for an assessment."""
    return jurisdiction_label(result.country.code, result.country.name, result.country.subdivision)
