"""Fail if a built site contains a hidden test, a solution, or an nbgrader marker.

    python scripts/check_site_secrets.py --mode public|student BUILD_DIR

Every file under BUILD_DIR is searched (HTML, JavaScript, the search index, executed notebooks,
doctrees, ...). The secrets come from the nbgrader source notebooks in coursework/source:

* every mode: nbgrader's marker strings, and every line of a hidden-test region;
* ``student`` mode also: every line of a solution region (code and written model answers).

In ``student`` mode the translations of solution text (the catalogues of locales/, where a
model answer's sentences are translated for the public site) are secrets too.

Matching ignores formatting: both the secret and the file are reduced to their sequence of words
(letters, digits, underscores; a run of Chinese characters is one word, so that Chinese text
between two code words keeps them apart, as English words would), after removing HTML tags and
unescaping entities and JSON strings, so code split into syntax-highlighting spans is still
found. A secret line is only checked if it has at least ``MIN_WORDS`` words (``return s`` would
match anything), and a line that the chapters themselves print (public knowledge, e.g. a formula
the chapter shows) is reported but does not fail the check.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

# scripts/ is on the path: Python puts a script's folder there, pytest through `pythonpath`.
from make_exercise_pages import HIDDEN, MARKERS, SOLUTION, split_regions

ROOT = Path(__file__).resolve().parents[1]

MIN_WORDS = 5
WORD = re.compile(r"[A-Za-z0-9_]+|[\u3400-\u9fff\uf900-\ufaff]+")
LOCALES = ROOT / "locales"
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Secret:
    kind: str  # "hidden test", "solution" or "marker"
    where: str  # assignment/grade_id
    text: str  # the original line
    words: str  # its normalised word sequence, " w1 w2 ... "


def words(text: str) -> str:
    return " " + " ".join(WORD.findall(text.lower())) + " "


def secrets(source: Path, mode: str) -> list[Secret]:
    """The secrets of every source notebook under ``source`` for a build in ``mode``.

    A line inside a region that also appears outside every region (in the student version of
    any assignment, e.g. ``got = np.asarray(sigmoid(z))`` in a visible test) is no secret.
    """
    found = [Secret("marker", "nbgrader", m, words(m)) for m in MARKERS]
    regions = [("hidden test", HIDDEN)]
    if mode == "student":
        regions.append(("solution", SOLUTION))
    visible = []
    for path in sorted(source.glob("*/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            meta = cell.get("metadata", {}).get("nbgrader", {})
            where = f"{path.stem}/{meta.get('grade_id', cell['cell_type'])}"
            for inside, lines, kind in _regions(text, regions):
                if not inside:
                    visible.append(words("\n".join(lines)))
                    continue
                for line in lines:
                    # A model answer is prose: check it sentence by sentence too.
                    for piece in [line, *re.split(r"(?<=[.;:])\s+", line)]:
                        w = words(piece)
                        if len(w.split()) >= MIN_WORDS:
                            found.append(Secret(kind, where, piece.strip(), w))
    if mode == "student":
        found += translated_solutions([s for s in found if s.kind == "solution"])
    public = " ".join(visible)
    unique = {(s.kind, s.words): s for s in found if s.kind == "marker" or s.words not in public}
    return list(unique.values())


def translated_solutions(solutions: list[Secret], locales: Path = LOCALES) -> list[Secret]:
    """The translations (every catalogue of ``locales``) of the messages that hold a solution's
    words: a model answer translated for the public site must not reach a student site."""
    from babel.messages.pofile import read_po

    found = []
    for catalogue in sorted(locales.glob("*/LC_MESSAGES/**/*.po")):
        with catalogue.open("rb") as f:
            messages = [m for m in read_po(f) if m.id and isinstance(m.string, str) and m.string]
        for message in messages:
            original = words(message.id)
            holder = next((s for s in solutions if s.words in original), None)
            if holder is None:
                continue
            for piece in [message.string, *re.split(r"(?<=[。；：])", message.string)]:
                w = words(piece)
                if len(w.split()) >= MIN_WORDS:
                    found.append(Secret("solution (translated)", holder.where, piece.strip(), w))
    return found


def _regions(text: str, regions):
    """``(inside, lines, kind)`` runs of a cell for the solution and hidden-test regions."""
    runs = [(False, text.split("\n"), "")]
    for kind, (begin, end) in regions:
        split = []
        for inside, lines, k in runs:
            if inside:
                split.append((inside, lines, k))
            else:
                split += [(i, ls, kind) for i, ls in split_regions("\n".join(lines), begin, end)]
        runs = split
    return runs


def public_words(root: Path) -> str:
    """The word stream of everything the chapters show (their notebooks and pages)."""
    parts = []
    for path in sorted((root / "chapters").rglob("*")):
        if path.suffix in (".ipynb", ".md") and ".ipynb_checkpoints" not in path.parts:
            parts.append(_views(path.read_text(encoding="utf-8", errors="ignore"), path.suffix))
    return " ".join(parts)


def _views(text: str, suffix: str) -> str:
    """Word streams of a file as raw text, as HTML text, and as the strings of its JSON."""
    views = [text, html.unescape(TAG.sub(" ", text))]
    if suffix in (".json", ".ipynb") or text.lstrip().startswith(("{", "[")):
        try:
            views.append("\n".join(_strings(json.loads(text))))
        except ValueError:
            pass
    if suffix == ".js" and "Search.setIndex(" in text:
        views.append(text.encode().decode("unicode_escape", errors="ignore"))
    return " ".join(words(v) for v in views)


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _strings(value)


def scan(build: Path, mode: str, source: Path = ROOT / "coursework" / "source"):
    """Return ``(leaks, tolerated, n_files)``: secrets found in files, and public ones."""
    all_secrets = secrets(source, mode)
    public = public_words(ROOT)
    checked = [s for s in all_secrets if s.kind == "marker" or s.words not in public]
    tolerated = [s for s in all_secrets if s not in checked]
    leaks = []
    files = [p for p in sorted(build.rglob("*")) if p.is_file()]
    for path in files:
        raw = path.read_bytes()
        if b"\0" in raw[:1024]:  # images, fonts, pickled doctrees: look at their text parts
            text = raw.decode("latin-1")
        else:
            text = raw.decode("utf-8", errors="ignore")
        stream = _views(text, path.suffix)
        for secret in checked:
            if secret.words in stream:
                leaks.append((path, secret))
    return leaks, tolerated, len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("public", "student"), required=True)
    parser.add_argument("build", type=Path, help="the build output folder (searched entirely)")
    args = parser.parse_args(argv)
    if not args.build.is_dir():
        parser.error(f"{args.build} is not a folder")
    leaks, tolerated, n_files = scan(args.build, args.mode)
    for secret in tolerated:
        print(f"check_site_secrets: note: {secret.where}: a chapter shows {secret.text!r}")
    for path, secret in leaks:
        print(f"LEAK {path}: {secret.kind} of {secret.where}: {secret.text!r}", file=sys.stderr)
    if leaks:
        return 1
    print(f"check_site_secrets: {args.mode} build: no secret in {n_files} files of {args.build}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
