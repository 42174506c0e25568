"""Packaged message catalogues and the locale fallback chain.

The catalogues are JSON files shipped inside the package, read once at import
into read-only mappings (the only data the core reads besides the time zone
database). Every catalogue has every key of the English one; a test checks it.
"""

from __future__ import annotations

import json
import pkgutil
import re
from types import MappingProxyType
from typing import Any, Mapping, Tuple

from .errors import InvalidValueError

__all__ = ["CATALOGUES", "DEFAULT_LOCALE", "locale_chain", "render", "validate_locale"]

DEFAULT_LOCALE = "en"
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def _load(locale: str) -> Mapping[str, str]:
    data = pkgutil.get_data(__name__.rsplit(".", 1)[0], f"locales/{locale}.json")
    if data is None:  # pragma: no cover - the files ship with the package
        raise RuntimeError(f"message catalogue {locale!r} is missing from the package")
    return MappingProxyType(json.loads(data.decode("utf-8")))


#: Locale → read-only catalogue of message texts.
CATALOGUES: Mapping[str, Mapping[str, str]] = MappingProxyType({loc: _load(loc) for loc in ("en", "de")})


def validate_locale(value: Any, field: str = "locale") -> str:
    """A BCP 47-like tag such as ``de``, ``de-AT`` or ``de_AT``, normalised to ``de-AT``."""
    if not isinstance(value, str) or not _LOCALE.fullmatch(value):
        raise InvalidValueError._for(field, "a locale tag such as 'en', 'de' or 'de-AT'", value)
    parts = re.split(r"[-_]", value)
    return "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def locale_chain(*preferred: str) -> Tuple[str, ...]:
    """The catalogues to try, best first: ``de-AT`` → ``de`` → … → ``en``.

    Examples:
        >>> locale_chain("de-AT", "fr")
        ('de', 'en')
        >>> locale_chain("fr-CA")
        ('en',)
    """
    chain = []
    for tag in preferred:
        parts = tag.split("-")
        for length in range(len(parts), 0, -1):
            candidate = "-".join(parts[:length])
            if candidate in CATALOGUES and candidate not in chain:
                chain.append(candidate)
    if DEFAULT_LOCALE not in chain:
        chain.append(DEFAULT_LOCALE)
    return tuple(chain)


def render(key: str, locale: str, **params: Any) -> str:
    """The text of *key* in *locale* (falling back to English), with *params* filled in."""
    catalogue = CATALOGUES.get(locale, CATALOGUES[DEFAULT_LOCALE])
    template = catalogue.get(key) or CATALOGUES[DEFAULT_LOCALE][key]
    return template.format(**params)
