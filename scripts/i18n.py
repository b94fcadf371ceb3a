"""The translation catalogues of the course: update them, and check them.

    python scripts/i18n.py update     # `make translations`
    python scripts/i18n.py check      # what tests/test_translations.py checks, as a list
    python scripts/i18n.py stats      # translated / fuzzy / untranslated per catalogue

``update`` extracts every sentence a reader reads into gettext templates and merges them into
the catalogues ``locales/<lang>/LC_MESSAGES/``:

- the book's pages, with Sphinx's gettext builder run by Jupyter Book on the staged book that
  ``make book`` builds (chapters, landing page, the source-check page, the glossary, the
  generated exercise pages, the instructor page; captions and image alt text included), one
  catalogue per page (``chapters/02_sigmoid.po``), merged by ``sphinx-intl update``;
- the course's generated text, which Sphinx never sees because a code cell prints it
  (``code/actcourse/i18n.py``): the self-check questions (``_course/selfcheck.po``) and the
  explorers' controls, captions and descriptions (``_course/explorers.po``).

A changed English sentence comes back *fuzzy* (the old translation kept as a suggestion) and a
new one untranslated; ``make test`` fails on both until someone translates them. Obsolete
entries are dropped.

``check`` applies the rules of tests/test_translations.py to every catalogue:

- every entry is translated and none is fuzzy;
- the translation keeps every token of the original: inline and display maths, inline code,
  the role and target of ``{doc}``/``{ref}``/... roles, the targets of Markdown links, HTML
  tags, and every number (the same numbers, as many times);
- every entry whose English holds a term of the glossary (``chapters/glossary.md``) uses the
  glossary's Chinese term (the glossary's own catalogue excepted: it defines them).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
LANGUAGES = ("zh_CN",)
GLOSSARY_PAGE = ROOT / "chapters" / "glossary.md"
#: Catalogues not held to the glossary: the glossary page defines the terms.
GLOSSARY_EXEMPT = {"chapters/glossary"}
STAGE = ROOT / "_build" / "i18n.stage"
#: The site's words that come from configuration, by setting (catalogue ``_course/site``): MyST-NB's
#: toggle of a hidden cell input (the book hides inputs only, so the type is always "source").
SITE_MESSAGES = {
    "nb_code_prompt_show": "Show code cell source",
    "nb_code_prompt_hide": "Hide code cell source",
}
#: Catalogues where an entry may stay English: the glossary's English column.
COPIES_ALLOWED = {"chapters/glossary"}
_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


# ---- tokens that a translation must keep ----------------------------------------------------

_MATH_DISPLAY = re.compile(r"\$\$.+?\$\$", re.S)
_MATH_INLINE = re.compile(r"(?<![\\$])\$(?!\$)[^$]+?(?<!\\)\$")
_CODE = re.compile(r"``.+?``|`[^`]+`")
_ROLE = re.compile(r"\{(?P<role>[a-z:]+)\}`(?P<body>[^`]*)`")
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_FIELD = re.compile(r"\{\w+\}")
_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:[eE][-+]?\d+)?")


def _role_token(m: re.Match) -> str:
    body = m["body"]
    explicit = re.search(r"<([^<>]+)>\s*$", body)  # {ref}`title <target>`: the title may change
    return f"{{{m['role']}}}`{explicit[1] if explicit else body}`"


def is_display_maths(text: str) -> bool:
    """A display-maths block (MyST's ``$$ ... $$``, which gettext extracts without the
    dollars): LaTeX, no inline maths, no Chinese, no two words in a row (outside ``\\text``).
    Its translation is the same LaTeX."""
    body = _CODE.sub(" ", _ROLE.sub(" ", text.strip()))
    if not body or "$" in body or re.search(r"[\u3000-\u9fff\uff00-\uffef]", body):
        return False
    if (
        _TAG.search(body)
        or not re.search(r"\\[a-zA-Z]{2,}|[\^_]", body)
        or "\\" not in body
        and _FIELD.search(body)
    ):
        return False
    words = re.sub(r"\\text\{[^}]*\}|\\[a-zA-Z]+", " ", body)
    return not re.search(r"[a-zA-Z]{3,}\W+[a-zA-Z]{3,}", words)


def tokens(text: str) -> Counter:
    """The tokens of a message that its translation must keep, with their counts."""
    found: Counter = Counter()
    if is_display_maths(text):
        return Counter({("math", text.strip()): 1})
    rest = text
    for pattern, kind in ((_MATH_DISPLAY, "math"), (_MATH_INLINE, "math")):
        for m in pattern.finditer(rest):
            found[(kind, m[0])] += 1
        rest = pattern.sub(" ", rest)
    for m in _ROLE.finditer(rest):
        found[("role", _role_token(m))] += 1
    rest = _ROLE.sub(" ", rest)
    for m in _CODE.finditer(rest):
        found[("code", m[0])] += 1
    rest = _CODE.sub(" ", rest)
    for m in _LINK.finditer(rest):
        found[("link", m["target"])] += 1
    rest = _LINK.sub("] ", rest)
    for m in _TAG.finditer(rest):
        found[("tag", re.sub(r"\s+", " ", m[0]))] += 1
    rest = _TAG.sub(" ", rest)
    for m in _FIELD.finditer(rest):  # a template's fields: {name}
        found[("field", m[0])] += 1
    rest = _FIELD.sub(" ", rest)
    for m in _NUMBER.finditer(rest):
        found[("number", m[0].replace("−", "-").replace(",", ""))] += 1
    return found


def plain_text(text: str) -> str:
    """``text`` less maths, code, roles, link targets and tags: what a reader reads as words."""
    for pattern in (_MATH_DISPLAY, _MATH_INLINE, _ROLE, _CODE, _TAG):
        text = pattern.sub(" ", text)
    return _LINK.sub("] ", text)


def token_problems(original: str, translation: str) -> list[str]:
    want, have = tokens(original), tokens(translation)
    problems = []
    for (kind, token), n in sorted(want.items()):
        if have[(kind, token)] < n:
            problems.append(f"drops or changes {kind} {token!r}")
    for (kind, token), n in sorted(have.items()):
        if want[(kind, token)] < n:
            problems.append(f"adds {kind} {token!r}")
    # "1. Title" alone is a numbered list to MyST: a heading that starts with a number says 1\.
    if re.match(r"\d+\. ", translation) and re.match(r"\d+\. ", original):
        problems.append("starts with '1. ' (a numbered list to MyST): write '1\\. '")
    # Markdown emphasis must stay balanced, or the page shows stray asterisks
    words = plain_text(translation)
    if words.count("**") != plain_text(original).count("**"):
        problems.append("changes the number of ** (bold) markers")
    if (words.replace("**", "").count("*") - words.count("\\*")) % 2:
        problems.append("leaves an unpaired * (italic) marker")
    return problems


# ---- the glossary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    english: str
    chinese: str
    forms: tuple[str, ...]  # the English forms it covers (the term and those of its note)

    @property
    def pattern(self) -> re.Pattern:
        alternatives = []
        for form in sorted(self.forms, key=len, reverse=True):
            words = [re.escape(w) for w in re.split(r"[-\s]+", form)]
            alternatives.append(r"[-\s]?".join(words) + r"(?:s|es)?")
        return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w])", re.I)


def glossary(page: Path = GLOSSARY_PAGE) -> list[Term]:
    """The terms of the glossary page's table: English, Chinese, and the forms a note lists
    after "Also for" (in italics, up to the first full stop)."""
    terms = []
    for line in page.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not line.startswith("|") or set(cells[0]) <= set("-: "):
            continue
        english, chinese, note = cells
        if english == "English":
            continue
        forms = [english]
        also = re.search(r"Also for ([^.]*)\.", note)
        if also:
            forms += re.findall(r"\*([^*]+)\*", also[1])
        terms.append(Term(english, chinese, tuple(forms)))
    return terms


def glossary_problems(original: str, translation: str, terms: list[Term]) -> list[str]:
    if is_display_maths(original):
        return []
    words = plain_text(original)
    target = plain_text(translation)
    problems = []
    for term in terms:
        if term.pattern.search(words) and term.chinese not in target:
            problems.append(f"uses no {term.chinese!r} for {term.english!r} (chapters/glossary.md)")
    return problems


# ---- the catalogues -------------------------------------------------------------------------


def catalogues(lang: str) -> list[Path]:
    return sorted((LOCALES / lang / "LC_MESSAGES").rglob("*.po"))


def catalogue_name(path: Path, lang: str) -> str:
    folder = LOCALES / lang / "LC_MESSAGES"
    if not path.is_relative_to(folder):
        return path.stem
    return path.relative_to(folder).with_suffix("").as_posix()


def read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f)


def problems(lang: str, paths: list[Path] | None = None) -> list[str]:
    """Every rule a catalogue of ``lang`` breaks, one line each (empty: all good)."""
    terms = glossary()
    found = []
    for path in paths or catalogues(lang):
        name = catalogue_name(path, lang)
        for message in read(path):
            if not message.id:
                continue
            original = message.id if isinstance(message.id, str) else message.id[0]
            translation = message.string if isinstance(message.string, str) else ""
            where = f"{name}: {original[:70]!r}"
            if not translation.strip():
                found.append(f"{where}: untranslated")
                continue
            if (
                translation == original
                and not is_display_maths(original)
                and len(_WORD.findall(plain_text(original))) >= 3
            ):
                if name not in COPIES_ALLOWED:
                    found.append(f"{where}: a copy of the English, not a translation")
            if message.fuzzy:
                found.append(f"{where}: fuzzy (the English changed; check and unmark)")
            found += [f"{where}: {p}" for p in token_problems(original, translation)]
            if name not in GLOSSARY_EXEMPT:
                found += [f"{where}: {p}" for p in glossary_problems(original, translation, terms)]
    return found


def stats(lang: str) -> list[tuple[str, int, int, int]]:
    rows = []
    for path in catalogues(lang):
        done = fuzzy = empty = 0
        for m in read(path):
            if not m.id:
                continue
            if not m.string:
                empty += 1
            elif m.fuzzy:
                fuzzy += 1
            else:
                done += 1
        rows.append((catalogue_name(path, lang), done, fuzzy, empty))
    return rows


# ---- extraction -----------------------------------------------------------------------------


def write_pot(path: Path, messages: list[str]) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(project="Activation Functions", fuzzy=False)
    for text in messages:
        catalog.add(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, omit_header=False, width=0)


def figure_alts(notebook: Path) -> list[str]:
    """The alt texts of a notebook's figures (cell metadata ``mystnb: image: alt``). MyST-NB
    turns outputs into images after Sphinx has translated the page, so Sphinx never sees them:
    scripts/build_site.py translates them in the other edition's copy of the notebook."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    alts = [c.metadata.get("mystnb", {}).get("image", {}).get("alt") for c in nb.cells]
    return list(dict.fromkeys(a for a in alts if a))


def course_messages() -> dict[str, list[str]]:
    """The course's generated text, by catalogue under ``_course/`` (code/actcourse/i18n.py):
    the self-checks' words and each chapter's questions, each chapter's figure alt texts, and
    the explorers' words."""
    import make_exercise_pages
    from actcourse import explorers, selfcheck

    found = {"selfcheck": selfcheck.messages(), "explorers": explorers.messages()}
    found["exercises"] = [make_exercise_pages.SHOW, make_exercise_pages.HIDE]
    found["site"] = list(SITE_MESSAGES.values())
    for chapter in selfcheck.chapters():
        found[f"selfcheck/{chapter}"] = selfcheck.messages(chapter)
    for notebook in sorted((ROOT / "chapters").glob("[0-9]*.ipynb")):
        if alts := figure_alts(notebook):
            found[f"figures/{notebook.stem}"] = alts
    return found


def extract(stage: Path = STAGE) -> Path:
    """Write the templates (.pot) of every catalogue, from the sources as they are now, into
    ``stage/out/_build/gettext``; returns that folder."""
    import build_site
    import yaml

    book = build_site.stage("public", stage / "book", {})  # the committed chapters: text only
    config_path = book / "_config.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "off"  # gettext needs no outputs
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    out = stage / "out"
    if out.exists():
        shutil.rmtree(out)
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [bin_dir / "jupyter-book", "build", book, "--path-output", out]
        + ["--builder", "custom", "--custom-builder", "gettext", "-W", "-n"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    pots = out / "_build" / "gettext"
    for domain, messages in course_messages().items():
        write_pot(pots / "_course" / f"{domain}.pot", messages)
    return pots


def update(languages: tuple[str, ...] = LANGUAGES) -> Path:
    """Extract the templates and merge them into the catalogues; returns the template folder."""
    pots = extract()
    bin_dir = Path(sys.executable).parent
    for lang in languages:
        subprocess.run(
            [bin_dir / "sphinx-intl", "update", "-p", pots, "-d", LOCALES, "-l", lang]
            + ["--no-obsolete", "-w", "0", "-j", "1"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for path in catalogues(lang):
            drop_percent_format_flags(path)
    return pots


def drop_percent_format_flags(path: Path) -> bool:
    """Babel flags a message ``python-format`` when it holds "90 %" or "10% of"; the course has
    no %-format strings, and the flag makes ``msgfmt --check`` demand the same "% o" in the
    translation. Returns whether the catalogue changed."""
    from babel.messages.pofile import write_po

    catalogue = read(path)
    flagged = [m for m in catalogue if "python-format" in m.flags]
    for message in flagged:
        message.flags.discard("python-format")
    if flagged:
        with path.open("wb") as f:
            write_po(f, catalogue, width=0)
    return bool(flagged)


# ---- the other editions' copies of the executed notebooks --------------------------------------


def translate_notebook(path: Path, lang: str) -> int:
    """Rewrite an executed chapter ``path`` (a staged copy) for the ``lang`` edition: the
    self-check outputs, the explorers' words and the figures' alt texts, which Sphinx does not
    see (the pages' own text is Sphinx's job). Nothing is executed again. Returns the number
    of outputs and alt texts changed; a text without a translation raises."""
    import nbformat
    from actcourse import i18n, player, selfcheck

    changed = selfcheck.refresh_outputs(path, lang)
    nb = nbformat.read(path, as_version=4)
    explorer_words = i18n.TemplateTranslator("explorers", lang)
    for cell in nb.cells:
        image = cell.metadata.get("mystnb", {}).get("image", {})
        if image.get("alt"):
            image["alt"] = i18n.gettext(image["alt"], lang, f"figures/{path.stem}")
            changed += 1
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            shown = data.get("text/html")
            if isinstance(shown, str) and 'class="afx afx-' in shown:
                data["text/html"] = player.translate_html(shown, explorer_words)
                changed += 1
    nbformat.write(nb, path)
    return changed


def translate_exercise_page(path: Path, lang: str) -> int:
    """The solution toggles' labels of a staged exercise page, in ``lang``."""
    import nbformat
    from actcourse import i18n

    nb = nbformat.read(path, as_version=4)
    changed = 0
    for cell in nb.cells:
        prompts = cell.metadata.get("mystnb", {})
        for key in ("code_prompt_show", "code_prompt_hide"):
            if key in prompts:
                prompts[key] = i18n.gettext(prompts[key], lang, "exercises")
                changed += 1
    nbformat.write(nb, path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("update", "check", "stats"))
    parser.add_argument("catalogues", nargs="*", type=Path, help="check only these .po files")
    parser.add_argument("--lang", default=LANGUAGES[0])
    args = parser.parse_args(argv)
    if args.command == "update":
        pots = update()
        for row in stats(args.lang):
            print("{}: {} translated, {} fuzzy, {} untranslated".format(*row))
        print(f"templates in {pots}; catalogues in {LOCALES}")
        return 0
    if args.command == "stats":
        for row in stats(args.lang):
            print("{}: {} translated, {} fuzzy, {} untranslated".format(*row))
        return 0
    found = problems(args.lang, [p.resolve() for p in args.catalogues] or None)
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
