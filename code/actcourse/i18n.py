"""Translations of the course's own generated text (self-checks, explorers).

The book's pages are translated by Sphinx from the gettext catalogues in
``locales/<lang>/LC_MESSAGES/<page>.po``. Text that a code cell *prints* is not seen by Sphinx,
so the two kinds of output a reader reads in a notebook, the self-check questions
(:mod:`actcourse.selfcheck`) and the explorers' controls, captions and descriptions
(:mod:`actcourse.explorers`), have catalogues of their own, in the same folder:
``locales/<lang>/LC_MESSAGES/_course/<domain>.po``. The notebooks are executed once, in English;
``scripts/build_site.py`` rewrites those outputs for the other edition with :func:`gettext`.

``scripts/i18n.py update`` writes the templates and merges them into the catalogues, and
``tests/test_translations.py`` fails on an untranslated or fuzzy entry and on a translation that
drops or changes maths, code, a link target, a role or a number.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: The repository's catalogue folder.
LOCALES = Path(__file__).resolve().parents[2] / "locales"
#: The source language: text in it is returned as it is.
SOURCE_LANGUAGE = "en"


def catalogue_path(domain: str, lang: str) -> Path:
    """Where the catalogue of ``domain`` (``"selfcheck"``, ``"explorers"``) for ``lang`` lives."""
    return LOCALES / lang / "LC_MESSAGES" / "_course" / f"{domain}.po"


@cache
def catalogue(domain: str, lang: str) -> dict[str, str]:
    """``{English: translation}`` for the translated, non-fuzzy entries of a catalogue."""
    from babel.messages.pofile import read_po

    path = catalogue_path(domain, lang)
    if not path.is_file():
        raise FileNotFoundError(f"no {lang} catalogue for {domain}: {path}")
    with path.open("rb") as f:
        entries = read_po(f)
    return {
        m.id: m.string
        for m in entries
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


class MissingTranslation(KeyError):
    """A message has no translation: run ``scripts/i18n.py update`` and translate it."""


def gettext(message: str, lang: str, domain: str) -> str:
    """``message`` in ``lang`` (unchanged for English); a missing translation is an error."""
    if lang == SOURCE_LANGUAGE:
        return message
    try:
        return catalogue(domain, lang)[message]
    except KeyError:
        raise MissingTranslation(
            f"{domain} ({lang}): no translation of {message!r}; run "
            "`python scripts/i18n.py update` and translate the new entries"
        ) from None
