"""The words people read: the gettext catalogues, plural forms, locales and the two audiences.

The catalogue checks are what CI runs for "every catalogue complete, nothing
stale" (Django's makemessages/compilemessages checks are the model): the
template holds every marked message, every ``.po`` has every message, none
fuzzy or empty, with the template's placeholders, and every ``.mo`` holds what
its ``.po`` says.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

import pageavail as pa
from pageavail import wording
from pageavail._i18n import (
    LANGUAGES,
    Ago,
    Duration,
    Message,
    Text,
    catalogue_language,
    environment_locale,
    normalize_locale,
)
from pageavail.cli import main
from pageavail.config import load_page
from pageavail.payload import prompt_texts
from pageavail.replies import Responsiveness, format_back_at
from pageavail.testing import pages, sessions

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "src" / "pageavail" / "locales"
TEMPLATE = LOCALES / "pageavail.pot"
TRANSLATED = [language for language in LANGUAGES if language != "en"]
KEYWORDS = {"N_": None, "Nn_": (1, 2), "Np_": ((1, "c"), 2), "Nnp_": ((1, "c"), 2, 3)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")
COUNTS = (0, 1, 2, 5, 21, 101, 1000)
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
UTC = timezone.utc


def _catalogue(path: Path, locale: Optional[str] = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def _key(message: Any) -> Tuple[Optional[str], str]:
    ident = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
    return message.context, ident


def _template() -> Dict[Tuple[Optional[str], str], Any]:
    return {_key(m): m for m in _catalogue(TEMPLATE) if m.id}


def _placeholders(*texts: str) -> FrozenSet[str]:
    return frozenset(name for text in texts for name in PLACEHOLDER.findall(text))


# -- the catalogues ------------------------------------------------------------------


def test_the_template_holds_every_marked_message() -> None:
    """``pybabel extract`` (see docs/languages.md) would write the committed template."""
    found: Set[Tuple[Optional[str], str, Optional[str]]] = set()
    method_map = [("**.py", "python")]
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "src" / "pageavail"), method_map, keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            found.add((context, message[0], message[1]))
        else:
            found.add((context, message, None))
    committed = {
        (m.context, *(m.id if isinstance(m.id, tuple) else (m.id, None)))
        for m in _catalogue(TEMPLATE)
        if m.id
    }
    assert found == committed, "run pybabel extract and pybabel update (docs/languages.md)"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalogue_is_complete_and_none_is_fuzzy_or_empty(language: str) -> None:
    template = _template()
    catalogue = _catalogue(LOCALES / language / "LC_MESSAGES" / "pageavail.po", language)
    messages = {_key(m): m for m in catalogue if m.id}
    assert set(messages) == set(template), "run pybabel update (docs/languages.md)"
    assert not catalogue.obsolete
    for key, message in messages.items():
        assert not message.fuzzy, key
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(form and form.strip() for form in forms), key
        if isinstance(message.id, tuple):
            assert len(forms) == catalogue.num_plurals, key
        # The same names as the template's; a singular form may leave out the count, as the
        # English one does ("Open in the next day:"), never anything else.
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        expected, singular = _placeholders(*ids), _placeholders(ids[0])
        for index, form in enumerate(forms):
            found = _placeholders(form)
            assert found == expected or (index == 0 and singular <= found <= expected), (key, form)


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_compiled_catalogue_is_stale(language: str) -> None:
    """Each ``.mo`` says what its ``.po`` says (``pybabel compile`` after every change)."""
    folder = LOCALES / language / "LC_MESSAGES"
    source = _catalogue(folder / "pageavail.po", language)
    with (folder / "pageavail.mo").open("rb") as stream:
        compiled = read_mo(stream)

    def content(catalogue: Catalog) -> Dict[Any, Any]:
        def plain(value: Any) -> Any:
            return tuple(value) if isinstance(value, (list, tuple)) else value

        def context(value: Any) -> Any:  # Babel before 2.13 reads a .mo's contexts as bytes
            return value.decode("utf-8") if isinstance(value, bytes) else value

        return {(context(m.context), plain(m.id)): plain(m.string) for m in catalogue if m.id}

    assert content(compiled) == content(source), "run pybabel compile (docs/languages.md)"
    assert compiled.plural_forms == source.plural_forms


def test_no_json_catalogue_remains() -> None:
    assert not list(LOCALES.glob("*.json"))


def _params(message: Any, count: int) -> Dict[str, Any]:
    ident = message.id if isinstance(message.id, tuple) else (message.id,)
    return {name: count if name in ("count", "days") else f"<{name}>" for name in _placeholders(*ident)}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_renders_in_every_language_for_every_count(language: str) -> None:
    for message in _template().values():
        plural = message.id[1] if isinstance(message.id, tuple) else None
        ident = message.id[0] if isinstance(message.id, tuple) else message.id
        marked = Message(ident, plural, message.context)
        for count in COUNTS:
            params = _params(message, count)
            text = marked(count, **params).render(language)
            assert text.strip(), (language, ident)
            assert "{" not in text, (language, ident, text)
            for name, value in params.items():
                if isinstance(value, str):
                    assert value in text, (language, ident, name)


def test_plural_forms_follow_cldr() -> None:
    assert Duration(timedelta(minutes=1)).format("de") == "1 Minute"
    assert Duration(timedelta(minutes=2)).format("de") == "2 Minuten"
    assert Duration(timedelta(minutes=1)).format("en") == "1 minute"
    assert Duration(timedelta(minutes=2)).format("en") == "2 minutes"
    assert Ago(timedelta(minutes=1)).format("de") == "vor 1 Minute"
    assert Ago(timedelta(minutes=39122)).format("de") == "vor 27 Tagen"
    assert Ago(timedelta(minutes=39122)).format("en") == "27 days ago"
    assert (
        wording.someone_online(1)
        .render("de")
        .startswith("1 Person aus dem Team, die Nachrichten beantworten kann, ist ")
    )
    assert (
        wording.someone_online(2)
        .render("de")
        .startswith("2 Personen aus dem Team, die Nachrichten beantworten können, sind ")
    )
    assert wording.someone_online(1).render("en") == "1 person on the team who can answer messages is online."
    polish = {
        n: wording.CLI_SESSIONS(n, count=n).render("pl") for n in (1, 2, 4, 5, 12, 21, 22, 25, 101, 1000)
    }
    assert polish == {
        1: "1 sesja",
        2: "2 sesje",
        4: "4 sesje",
        5: "5 sesji",
        12: "12 sesji",
        21: "21 sesji",
        22: "22 sesje",
        25: "25 sesji",
        101: "101 sesji",
        1000: "1\u00a0000 sesji",
    }
    assert wording.someone_online(3).render("pl").startswith("3 osoby z zespołu")
    assert wording.someone_online(5).render("pl").startswith("5 osób z zespołu")
    assert wording.CLI_SESSIONS(1, count=1).render("fr") == "1 session"
    assert wording.CLI_SESSIONS(0, count=0).render("fr") == "0 session"


def test_context_keeps_one_english_word_apart() -> None:
    assert wording.status_word("active").render("de") == "aktiv"
    assert wording.CLI_OPEN().render("de") == "geöffnet"
    assert wording.REPLY_LATER().render("de") == "später"


# -- locales ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "tag"),
    [
        ("de", "de"),
        ("de-DE", "de-DE"),
        ("de_DE", "de-DE"),
        ("DE", "de"),
        ("de-at", "de-AT"),
        ("pt_br", "pt-BR"),
    ],
)
def test_every_spelling_is_normalised_once(spelling: str, tag: str) -> None:
    assert normalize_locale(spelling) == tag
    assert catalogue_language(tag) == ("pt_BR" if tag == "pt-BR" else "de")


@pytest.mark.parametrize("bad", ["", "xx-yy-zz", "de..", "deutsch!", 42, None, "de@euro", "x" * 100])
def test_a_bad_locale_is_the_library_error_naming_the_field(bad: Any) -> None:
    with pytest.raises(pa.InvalidValueError, match="'locale'"):
        normalize_locale(bad)
    with pytest.raises(pa.InvalidValueError, match="'locale'"):
        pa.Page(id="acme", name="Acme", zone="Europe/Berlin", locale=bad)


@pytest.mark.parametrize("spelling", ["de", "de-DE", "de_DE", "DE", "de-at", "de_AT"])
def test_every_entry_point_reads_every_spelling(spelling: str) -> None:
    loaded = load_page(str(ROOT / "examples" / "acme-bakery.toml"))
    at = datetime(2026, 11, 27, 10, 15, tzinfo=timezone(timedelta(hours=1)))
    live = loaded.compile()
    decision = live.decide(at)
    prompt = live.prompt(at, visitor="visitor-42", locale=spelling)
    assert prompt.payload is not None
    assert prompt.payload.title == "Acme Bakery ist jetzt aktiv"
    assert decision.checks[0].text(spelling) == "Nachrichten sind eingeschaltet."
    assert decision.checks[0].to_dict(spelling)["detail"] == "Nachrichten sind eingeschaltet."
    assert (
        Responsiveness(
            start=at - timedelta(days=7),
            end=at,
            conversations=1,
            responded=1,
            response_rate=1.0,
            response_time=timedelta(minutes=5),
        ).label(spelling)
        == "Antwortet in der Regel innerhalb weniger Minuten"
    )
    assert format_back_at(None, at, spelling, "Europe/Berlin") == "in Kürze"


def test_the_environment_as_gettext_reads_it() -> None:
    assert environment_locale({"LANG": "de_DE.UTF-8"}) == "de-DE"
    assert environment_locale({"LANGUAGE": "fr:de", "LANG": "de_DE.UTF-8"}) == "fr"
    assert environment_locale({"LC_ALL": "pl_PL.UTF-8", "LANG": "de_DE.UTF-8"}) == "pl-PL"
    assert environment_locale({"LC_MESSAGES": "nl_NL@euro", "LANG": "de_DE"}) == "nl-NL"
    assert environment_locale({"LANG": "C.UTF-8"}) == "en"
    assert environment_locale({"LANG": "POSIX"}) == "en"
    assert environment_locale({"LANGUAGE": "", "LANG": "it_IT"}) == "it-IT"
    assert environment_locale({"LANG": "nonsense"}) is None
    assert environment_locale({}) is None


# -- two audiences ---------------------------------------------------------------------------


def _cli(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    assert code == 0, err.getvalue()
    return out.getvalue()


ACME = str(ROOT / "examples" / "acme-bakery.toml")
AT = "2026-11-27T10:15:00+01:00"


def test_the_reader_and_the_visitor_each_get_their_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    german = _cli("explain", ACME, "--at", AT, "--visitor", "v-1", "--locale", "fr")
    assert "Nachrichten sind eingeschaltet." in german
    assert '"Acme Bakery est en ligne maintenant. Commence une conversation." [Envoyer un message]' in german
    english = _cli("explain", ACME, "--at", AT, "--visitor", "v-1", "--lang", "en")
    assert "Messaging is on." in english
    assert (
        '"Acme Bakery ist jetzt aktiv. Beginne eine Unterhaltung." [Nachricht senden]' in english
    )  # the Page's
    document = json.loads(_cli("explain", ACME, "--at", AT, "--visitor", "v-1", "--json", "--lang", "de_AT"))
    assert document["checks"][0]["detail"] == "Nachrichten sind eingeschaltet."
    assert document["prompt"]["payload"]["title"] == "Acme Bakery ist jetzt aktiv"


def test_the_page_locale_never_words_the_team_explanation() -> None:
    loaded = load_page(ACME)
    assert loaded.page.locale == "de"
    decision = loaded.compile().decide(datetime(2026, 11, 27, 9, 15, tzinfo=UTC))
    assert decision.checks[0].text() == decision.checks[0].detail == "Messaging is on."


def test_a_bad_lang_is_a_usage_error_naming_the_option() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain", ACME, "--at", AT, "--lang", "xx-!"], out, err) == 2
    assert "'--lang'" in err.getvalue()


# -- no English left ---------------------------------------------------------------------------

#: English words of the explanations and the frame that no other language shares.
ENGLISH = {
    "the",
    "is",
    "are",
    "was",
    "not",
    "and",
    "nobody",
    "who",
    "can",
    "answer",
    "messages",
    "messaging",
    "minute",
    "minutes",
    "hour",
    "hours",
    "ago",
    "day",
    "days",
    "until",
    "next",
    "change",
    "banner",
    "shown",
    "visitor",
    "prompt",
    "rollout",
    "within",
    "outside",
    "response",
    "never",
    "grant",
    "task",
    "tasks",
    "role",
    "session",
    "sessions",
    "counted",
    "expires",
    "switched",
    "of",
    "at",
    "by",
    "set",
    "away",
    "active",
    "idle",
    "ended",
    "logged",
    "draw",
    "among",
    "them",
    "signed",
    "cooldown",
    "has",
    "been",
    "seen",
    "saw",
    "just",
    "now",
    "rule",
    "covers",
    "through",
    "directly",
    "business",
    "partner",
    "agency",
    "policy",
    "heartbeat",
    "people",
    "typically",
    "replies",
    "responsive",
    "soon",
    "today",
    "tomorrow",
    "totals",
    "per",
    "week",
    "share",
    "weekday",
    "decided",
    "open",
    "closed",
}


#: Words of the list that are also words of a language (loanwords included).
OWN_WORDS = {
    "de": {"team", "banner", "app", "online", "offline", "tokens"},
    "es": {"banner", "app", "tokens"},
    "fr": {"active", "session", "sessions", "minutes", "message", "messages", "conversation"},
    "it": {"team", "banner", "app", "online", "offline", "per", "partner"},
    "nl": {
        "team",
        "banner",
        "app",
        "online",
        "offline",
        "tokens",
        "is",
        "open",
        "per",
        "week",
        "was",
        "later",
        "of",
    },
    "pl": {"online", "offline"},
    "pt_BR": {"banner", "app", "online", "offline", "tokens"},
}


def _scenarios() -> Iterable[Tuple[str, str]]:
    for path in EXAMPLES:
        for at in (
            "2026-11-27T10:15:00+01:00",
            "2026-11-27T19:15:00+01:00",
            "2026-12-25T10:15:00+01:00",
            "2026-11-28T11:00:00+01:00",
            "2026-11-30T08:30:00+01:00",
        ):
            yield str(path), at


def _words(text: str) -> Set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _strip_names(text: str, loaded: Any) -> str:
    """*text* without identifiers and names: check names, ids, people, rule texts, role and task names."""
    page = loaded.page
    text = re.sub(r"\[[a-z_]+\]", " ", text)
    hours = page.settings.hours
    if hours is not None:
        for rule in str(hours).split(";"):
            text = text.replace(rule.strip(), " ")
    names = [page.name, page.id, *page.team.members, *(s.person for s in loaded.sessions), "visitor-42"]
    names += [g.via.id for g in page.grants if g.via.id] + ["api_counts", "mobile_counts"]
    names += [role.value for role in pa.Role] + [task.value for task in pa.Task]
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    return text.replace("/messages/t/", " ")


@pytest.mark.parametrize("language", TRANSLATED)
def test_explain_in_another_language_leaves_no_english_word(language: str) -> None:
    for path, at in _scenarios():
        loaded = load_page(path)
        args = [
            "explain",
            path,
            "--at",
            at,
            "--visitor",
            "visitor-42",
            "--lang",
            language,
            "--locale",
            language,
        ]
        text = _strip_names(_cli(*args), loaded)
        document = json.loads(_cli(*args, "--json"))
        details = " ".join(c["detail"] for c in document["checks"] + document["prompt"]["checks"])
        allowed = OWN_WORDS[language]
        left = (_words(text) | _words(_strip_names(details, loaded))) & ENGLISH - allowed
        assert not left, (language, path, at, left)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_visitor_texts_leave_no_english_word(language: str) -> None:
    berlin = "Europe/Berlin"
    now = datetime(2026, 11, 27, 18, 0, tzinfo=timezone(timedelta(hours=1)))
    texts = list(prompt_texts("Acme Bakery", language))
    for back in (
        None,
        now + timedelta(minutes=40),
        now + timedelta(hours=15),
        now + timedelta(days=3),
        now + timedelta(days=30),
    ):
        texts.append(format_back_at(back, now, language, berlin))
    texts.append(format_back_at(None, now, language, berlin, returns=False))
    for minutes in (5, 30, 120, 600):
        figures = Responsiveness(
            start=now - timedelta(days=7),
            end=now,
            conversations=10,
            responded=10,
            response_rate=1.0,
            response_time=timedelta(minutes=minutes),
        )
        texts += [figures.label(language) or "", figures.badge(language) or ""]
    allowed = OWN_WORDS[language]
    left = (
        _words(" ".join(texts).replace("Acme Bakery", " "))
        & (ENGLISH | {"send", "message", "start", "conversation"}) - allowed
    )
    assert not left, (language, left)


# -- the same explanation in every language ----------------------------------------------------------


def _numbers(text: str) -> List[str]:
    """The numbers in *text*, in order of size, with grouping separators removed."""
    joined = re.sub(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}\b)", "", text)
    return sorted(re.findall(r"\d+", joined), key=lambda n: (len(n), n))


@settings(max_examples=100, deadline=None)
@given(
    page=pages(),
    drawn=st.lists(sessions(), max_size=5),
    minutes=st.integers(0, 14 * 24 * 60),
    last=st.one_of(st.none(), st.integers(-3000, 3000)),
)
def test_german_and_english_explanations_carry_the_same_checks_and_numbers(
    page: pa.Page, drawn: List[pa.Session], minutes: int, last: Optional[int]
) -> None:
    at = datetime(2026, 11, 23, tzinfo=UTC) + timedelta(minutes=minutes)
    live = page.compile(drawn)
    decision = live.decide(at)
    prompted = None if last is None else at - timedelta(minutes=last)
    prompt = live.prompt(at, visitor="v-1", last_prompted=prompted, decision=decision)
    for check in (*decision.checks, *prompt.checks):
        english, german = check.to_dict("en"), check.to_dict("de")
        assert (english["name"], english["passed"]) == (german["name"], german["passed"])
        assert english["detail"] != german["detail"]
        assert _numbers(english["detail"]) == _numbers(german["detail"]), (english, german)


# -- speed -------------------------------------------------------------------------------------------


def test_import_loads_no_catalogue_and_not_babel() -> None:
    code = (
        "import sys, pageavail, pageavail.rules, pageavail.replies, pageavail.cli\n"
        "from pageavail import _i18n\n"
        "print('babel' in sys.modules, _i18n._LOADED == {})"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]


def test_catalogues_are_loaded_once_per_language() -> None:
    from pageavail import _i18n

    wording.PAGE_ACTIVE().render("it")
    first = _i18n._LOADED["it"]
    wording.PAGE_ACTIVE().render("it-CH")
    assert _i18n._LOADED["it"] is first
    assert isinstance(wording.PAGE_ACTIVE(), Text)
