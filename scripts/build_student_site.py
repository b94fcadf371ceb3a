"""Build the student version of the website: exercise pages without solutions or hidden tests.

    python scripts/build_student_site.py OUT   (``make book-student`` runs this)

The book is copied to a staging folder (``OUT/source``) so that the working tree's
``exercises/`` (public pages, used by ``make book``) is left alone; the student exercise pages
are generated there (``make_exercise_pages.py --mode student``); Jupyter Book builds the
staged book into ``OUT`` with the same strict options as ``make book`` (``-W -n``); the staging
folder is deleted; and ``check_site_secrets.py --mode student`` searches every file of ``OUT``
for solution code, hidden tests and nbgrader markers. Notebook sources are not published
(``html_copy_source: false`` in ``_config.yml``), so the built site has no ``_sources/``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = Path(__file__).resolve().parent
#: Not part of the book, or rebuilt in the staging folder.
SKIP = {
    ".git",
    ".venv",
    "node_modules",
    "_build",
    "coursework",
    "exercises",
    ".jupyter_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "__pycache__",
    ".ipynb_checkpoints",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder (replaced)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT or ROOT.is_relative_to(out):
        parser.error(f"refusing to replace {out}")
    if out.exists():
        shutil.rmtree(out)
    stage = out / "source"
    shutil.copytree(ROOT, stage, ignore=lambda d, names: [n for n in names if n in SKIP])
    py = sys.executable
    subprocess.run(
        [py, SCRIPTS / "make_exercise_pages.py", "--mode", "student", "--out", stage / "exercises"],
        check=True,
    )
    jupyter_book = Path(py).parent / "jupyter-book"
    build = subprocess.run(
        [jupyter_book, "build", stage, "--path-output", out, "-W", "-n"], check=False
    )
    shutil.rmtree(stage)
    if build.returncode != 0:
        return build.returncode
    check = subprocess.run([py, SCRIPTS / "check_site_secrets.py", "--mode", "student", out])
    if check.returncode == 0:
        print(f"Student site: open {out / '_build' / 'html' / 'index.html'}")
    return check.returncode


if __name__ == "__main__":
    sys.exit(main())
