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

import os
import re
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


def draft() -> bool:
    """``I18N_DRAFT=1`` in the environment: a missing translation shows the English instead of
    stopping the build (to preview a catalogue being translated; ``make test`` still fails)."""
    return os.environ.get("I18N_DRAFT", "") not in ("", "0")


def gettext(message: str, lang: str, domain: str) -> str:
    """``message`` in ``lang`` (unchanged for English); a missing translation is an error
    (unless :func:`draft`)."""
    if lang == SOURCE_LANGUAGE:
        return message
    try:
        return catalogue(domain, lang)[message]
    except (KeyError, FileNotFoundError):
        if draft():
            return message
        raise MissingTranslation(
            f"{domain} ({lang}): no translation of {message!r}; run "
            "`python scripts/i18n.py update` and translate the new entries"
        ) from None


# ---- text made from templates ----------------------------------------------------------------

_FIELD = re.compile(r"\{(\w+)\}")
_WORDS = re.compile(r"[A-Za-z]{2,}")


class TemplateTranslator:
    """Translates text that was made from a catalogue's messages and templates.

    ``"Sigmoid network with 5 hidden layers: no gradient reaches some layers."`` came from the
    template ``"{name} network with {depth} hidden layers: {compare}."`` with ``name`` and
    ``compare`` themselves messages: the translator finds the template that matches the whole
    text, translates each field the same way (a field that is a number or a symbol, with no
    word in it, stays as it is) and fills the translated template. Text that no message
    explains raises :class:`MissingTranslation`, so nothing is left in English silently.
    """

    def __init__(self, domain: str, lang: str) -> None:
        self.lang = lang
        self.domain = domain
        self.table = {} if lang == SOURCE_LANGUAGE else catalogue(domain, lang)
        templates = [m for m in self.table if _FIELD.search(m)]
        # The most specific first: more literal text, fewer fields.
        templates.sort(key=lambda t: (-len(_FIELD.sub("", t)), len(_FIELD.findall(t))))
        self.templates = [(t, self._regex(t)) for t in templates]

    @staticmethod
    def _regex(template: str) -> re.Pattern:
        parts, seen, last = [], set(), 0
        for m in _FIELD.finditer(template):
            parts.append(re.escape(template[last : m.start()]))
            name = m[1]
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
            last = m.end()
        parts.append(re.escape(template[last:]))
        return re.compile("".join(parts), re.S)

    def __call__(self, text: str) -> str:
        result = self._translate(text)
        if result is None and draft():
            return text
        if result is None:
            raise MissingTranslation(
                f"{self.domain} ({self.lang}): no message or template explains {text!r}"
            )
        return result

    def _translate(self, text: str) -> str | None:
        if self.lang == SOURCE_LANGUAGE:
            return text
        if text in self.table:
            return self.table[text]
        for template, regex in self.templates:
            m = regex.fullmatch(text)
            if not m:
                continue
            fields = {}
            for name, value in m.groupdict().items():
                translated = self._translate(value)
                if translated is None:
                    if _WORDS.search(value):
                        break  # a field with words that no message explains: not this one
                    translated = value
                fields[name] = translated
            else:
                return self.table[template].format(**fields)
        return None
