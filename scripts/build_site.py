"""Build the website, in one of two modes, with one pipeline.

    python scripts/build_site.py --mode public|student [--out DIR]

``public`` (``make book``)
    The course as published: chapters, and exercise pages whose solutions sit behind toggles.
    HTML in ``_build/html``.
``student`` (``make book-student``)
    The site for a course that is running: exercise pages with the student's stubs, without
    solutions or hidden tests, not executed. HTML in ``_build/student/html``.

The steps, the same in both modes:

1. Execute the chapter notebooks on this machine (``scripts/execute_notebooks.py``, two at a
   time; copies that ``make portability`` already executed from the same inputs are reused).
   A cell that raises fails the build, as ``nb_execution_raise_on_error`` would.
2. Stage the book in ``<out>.stage/book`` (``_build/html.stage/book``): the files git does
   not ignore, less ``exclude_patterns`` of ``_config.yml``; the executed chapters in place of
   the committed ones (marked not to be executed again); the exercise pages of the mode
   (``scripts/make_exercise_pages.py``); and ``_config.yml`` with the repository settings.
3. Execute the public exercise pages in the stage, once (a raising cell fails the build), and
   mark them executed: every edition reuses their outputs.
4. Stage each other edition (the ``editions`` of ``_config.yml``: Chinese) as a copy of the
   stage whose self-check, explorer and alt-text outputs are translated from the catalogues of
   ``locales/`` (``scripts/i18n.py``), with ``language`` set: nothing is executed again.
5. Build the editions side by side with Jupyter Book, warnings as errors (``-W -n``); Sphinx
   translates the pages from the catalogues.
6. Search every output file of each edition for solutions, hidden tests and nbgrader markers
   (``scripts/check_site_secrets.py --mode <mode>``), as soon as it is built.
7. Move the HTML to its place (English at the root, Chinese in ``zh_CN/``), delete the stage,
   print the time of each step and the path of each ``index.html``.

``--languages en`` builds the English edition alone.

The repository is named in one place, the environment (``make book REPO_URL=...``):

``REPO_URL``
    e.g. ``https://github.com/<owner>/<repo>``. Unset or empty (the default): no page shows a
    repository, issue or launch button. Set: every page shows the repository button, and the
    chapter pages launch buttons for Binder and Colab (GitHub URLs only).
``REPO_BRANCH``
    the branch the launch buttons open (default ``main``).
``JUPYTERHUB_URL``
    with ``REPO_URL``, also a JupyterHub launch button (nbgitpuller).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# scripts/ is on the path: Python puts a script's folder there, pytest through `pythonpath`.
import execute_notebooks
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
BUILD = ROOT / "_build"
OUT = {"public": BUILD / "html", "student": BUILD / "student" / "html"}
BINDERHUB_URL = "https://mybinder.org"
COLAB_URL = "https://colab.research.google.com"


# ---- the configuration ---------------------------------------------------------------------


def site_config(
    base: dict,
    repo_url: str = "",
    branch: str = "main",
    jupyterhub_url: str = "",
    root: Path = ROOT,
) -> dict:
    """The book's _config.yml (``base``, as committed) with the repository settings applied.

    Without ``repo_url`` nothing names a repository: no ``repository`` block, no repository,
    issue or edit button, no launch service. Paths that only the working tree has (the
    vendored assets in ``html_extra_path``) become absolute, since the book is built from a
    staged copy.
    """
    config = yaml.safe_load(yaml.safe_dump(base))  # a deep copy
    html = config.setdefault("html", {})
    launch = config.setdefault("launch_buttons", {})
    for service in ("binderhub_url", "colab_url", "jupyterhub_url", "deepnote_url"):
        launch.pop(service, None)
    config.pop("repository", None)
    for button in ("use_repository_button", "use_issues_button", "use_edit_page_button"):
        html.pop(button, None)
    repo_url = repo_url.strip().rstrip("/").removesuffix(".git")  # a clone URL works too
    if repo_url:
        config["repository"] = {"url": repo_url, "path_to_book": "", "branch": branch or "main"}
        html["use_repository_button"] = True
        # sphinx-book-theme builds Binder, Colab and nbgitpuller links for GitHub only.
        if repo_url.startswith("https://github.com/"):
            launch["binderhub_url"] = BINDERHUB_URL
            launch["colab_url"] = COLAB_URL
            if jupyterhub_url.strip():
                launch["jupyterhub_url"] = jupyterhub_url.strip().rstrip("/")
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["html_extra_path"] = [str(root / p) for p in sphinx.get("html_extra_path", [])]
    return config


def config_from_env(root: Path = ROOT) -> dict:
    base = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return site_config(
        base,
        repo_url=os.environ.get("REPO_URL", ""),
        branch=os.environ.get("REPO_BRANCH", "") or "main",
        jupyterhub_url=os.environ.get("JUPYTERHUB_URL", ""),
        root=root,
    )


# ---- the files of the book -------------------------------------------------------------------


def book_files(root: Path = ROOT) -> list[Path]:
    """The files to stage: those git does not ignore, less ``exclude_patterns``."""
    from sphinx.util.matching import Matcher

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    excluded = Matcher(config.get("exclude_patterns", []))
    files = []
    for rel in _unignored(root):
        parts = Path(rel).parts
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if not any(excluded(p) for p in prefixes) and (root / rel).is_file():
            files.append(Path(rel))
    return sorted(files)


def _unignored(root: Path) -> list[str]:
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        return [p for p in listing.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: read .gitignore
        return _walk_gitignore(root)


def _walk_gitignore(root: Path) -> list[str]:
    """Files not ignored by the .gitignore files (the usual subset of the syntax: ``!``,
    a trailing ``/`` for folders, a ``/`` inside a pattern anchors it to its file's folder,
    ``*``, ``?``, ``**`` and ``[...]``)."""
    found = []

    def ignored(rel: str, is_dir: bool, rules) -> bool:
        result = False
        for base, pattern, anchored, negate, dir_only in rules:
            if dir_only and not is_dir or not rel.startswith(base):
                continue
            local = rel[len(base) :]
            target = local if anchored else local.rsplit("/", 1)[-1]
            if pattern.match(target):
                result = not negate
        return result

    def walk(folder: Path, rules) -> None:
        rel_folder = folder.relative_to(root).as_posix()
        base = "" if rel_folder == "." else rel_folder + "/"
        gitignore = folder / ".gitignore"
        if gitignore.is_file():
            rules = list(rules)
            for line in gitignore.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                negate = line.startswith("!")
                line = line.lstrip("!")
                dir_only = line.endswith("/")
                anchored = "/" in line.rstrip("/")
                rules.append((base, _glob(line.strip("/")), anchored, negate, dir_only))
        for child in sorted(folder.iterdir()):
            rel = base + child.name
            if child.name == ".git" or ignored(rel, child.is_dir(), rules):
                continue
            if child.is_dir():
                walk(child, rules)
            else:
                found.append(rel)

    walk(root, [])
    return found


def _glob(pattern: str) -> re.Pattern:
    """A .gitignore glob as a regex: ``*`` and ``?`` stay within a folder, ``**`` does not."""
    regex, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**", i):
            regex, i = regex + ".*", i + 2
            continue
        char = pattern[i]
        close = pattern.find("]", i + 1)
        if char == "[" and close > i:
            regex, i = regex + pattern[i : close + 1], close + 1
            continue
        regex += {"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char))
        i += 1
    return re.compile(regex + r"\Z")


# ---- the pipeline ---------------------------------------------------------------------------


def stage(mode: str, where: Path, executed: dict[Path, Path]) -> Path:
    """Copy the book to ``where`` with the executed chapters and the mode's exercise pages."""
    import nbformat

    if where.exists():
        shutil.rmtree(where)
    for rel in book_files():
        (where / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, where / rel)
    for source, copy in executed.items():
        nb = nbformat.read(copy, as_version=4)
        nb.metadata.pop(execute_notebooks.METADATA_KEY, None)
        nb.metadata.setdefault("mystnb", {})["execution_mode"] = "off"  # executed already
        nbformat.write(nb, where / source.relative_to(ROOT))
    subprocess.run(
        [sys.executable, SCRIPTS / "make_exercise_pages.py", "--mode", mode]
        + ["--out", where / "exercises"],
        check=True,
    )
    config = config_from_env()
    (where / "_config.yml").write_text(
        "# Generated by scripts/build_site.py from _config.yml: do not edit.\n"
        + yaml.safe_dump(config, sort_keys=False),
        encoding="utf-8",
    )
    return where


def jupyter_book_build(book: Path, output: Path, log=None):
    """``jupyter-book build`` with warnings as errors. Without ``log``, its output is passed on
    (less the lines that name the staging folder as the site's place: the site is moved from
    there) and the return code returned; with ``log`` (a file), it runs in the background,
    writing there, and the process is returned."""
    command = [Path(sys.executable).parent / "jupyter-book", "build", book]
    command += ["--path-output", output, "-W", "-n", "--keep-going"]
    if log is not None:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True)
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as process:
        held: list[str] = []  # a rule line and blank lines: shown unless the final box follows
        for line in process.stdout:
            if "Finished generating HTML" in line:
                break  # the box that points into the stage: the rest of the output
            if line.strip().strip("\x1b[0123456789;m").startswith("=====") or (
                held and not line.strip()
            ):
                held.append(line)
                continue
            print("".join(held), end="")
            held = []
            if "The HTML pages are in" not in line:
                print(line, end="", flush=True)
        for _ in process.stdout:  # drain
            pass
    return process.returncode


def editions(config: dict) -> dict[str, dict]:
    """The editions of the site (``editions`` in _config.yml's ``sphinx: config``), English
    first: ``{language: {"path": folder on the site ("" for the root), "label", "title"}}``."""
    found = config.get("sphinx", {}).get("config", {}).get("editions") or {"en": {"path": ""}}
    return dict(sorted(found.items(), key=lambda item: item[1].get("path", "") != ""))


def execute_pages(book: Path, folder: str = "exercises", jobs: int = 2) -> list[str]:
    """Execute the staged notebooks of ``book/folder`` in place (each in its own folder, as
    MyST-NB would) and mark them executed, so that every edition reuses the same outputs.
    Returns an error message per notebook whose cell raised."""
    from concurrent.futures import ThreadPoolExecutor

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    def run(path: Path) -> str:
        nb = nbformat.read(path, as_version=4)
        if nb.metadata.get("mystnb", {}).get("execution_mode") == "off":
            return ""  # the student pages: not executed
        client = NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": path.parent}}
        )
        try:
            client.execute()
        except CellExecutionError as error:
            return f"{path.relative_to(book)}: a cell raised:\n{error}"
        nb.metadata.setdefault("mystnb", {})["execution_mode"] = "off"  # executed already
        nbformat.write(nb, path)
        return ""

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return [e for e in pool.map(run, sorted((book / folder).glob("*.ipynb"))) if e]


def stage_edition(book: Path, where: Path, language: str, edition: dict) -> Path:
    """A copy of the staged (English) ``book`` for another edition: its chapters' generated
    text translated (``scripts/i18n.py``, ``translate_notebook``), its ``_config.yml`` in
    ``language``. The outputs are the English build's: nothing runs again."""
    import i18n
    from actcourse.i18n import gettext

    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(book, where)
    for notebook in sorted((where / "chapters").glob("[0-9]*.ipynb")):
        i18n.translate_notebook(notebook, language)
    for page in sorted((where / "exercises").glob("*.ipynb")):
        i18n.translate_exercise_page(page, language)
    config = yaml.safe_load((where / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = edition.get("title", config.get("title"))
    config["sphinx"]["config"]["language"] = language
    for setting, message in i18n.SITE_MESSAGES.items():  # MyST-NB's toggle labels
        config["sphinx"]["config"][setting] = gettext(message, language, "site")
    (where / "_config.yml").write_text(
        f"# Generated by scripts/build_site.py: the {language} edition.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return where


def build(mode: str, out: Path, jobs: int, languages: list[str] | None = None) -> int:
    import time

    start = time.perf_counter()
    phases: list[tuple[str, float]] = []

    def phase(name: str) -> None:
        phases.append((name, time.perf_counter() - start - sum(t for _, t in phases)))

    notebooks = execute_notebooks.chapter_notebooks()
    runs = execute_notebooks.execute(notebooks, ["native"], jobs=jobs)
    failed = [r for r in runs if r.status]
    for run in failed:
        print(f"{run.notebook.relative_to(ROOT)}: a cell raised:\n{run.log}", file=sys.stderr)
    if failed:
        return 1
    # Beside the HTML folder, so that two builds into two places never share a stage.
    work = out.with_name(out.name + ".stage")
    phase("chapters executed (or reused)")
    book = stage(mode, work / "book", {r.notebook: r.target for r in runs})
    phase("staged")
    # The exercise pages run once, here, for every edition.
    if errors := execute_pages(book, jobs=jobs):
        print("\n".join(errors), file=sys.stderr)
        return 1
    phase("exercise pages executed")
    sites = editions(yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8")))
    if languages:
        sites = {k: v for k, v in sites.items() if k in languages or not v.get("path")}
    books = {
        language: book
        if not edition.get("path")
        else stage_edition(book, work / f"book-{language}", language, edition)
        for language, edition in sites.items()
    }
    phase("other editions staged")
    # The editions build side by side (each is one Sphinx process); the first one's output
    # is shown as it comes, the others' afterwards.
    returncode = 0
    others = []
    for language, source in list(books.items())[1:]:
        log = (work / f"build-{language}.log").open("w", encoding="utf-8")
        others.append((language, log, jupyter_book_build(source, work / f"out-{language}", log)))
    first, first_book = next(iter(books.items()))

    def search_secrets(folder: Path) -> subprocess.Popen:
        command = [sys.executable, SCRIPTS / "check_site_secrets.py", "--mode", mode, folder]
        return subprocess.Popen(command)

    # Each edition's output is searched for secrets as soon as it is built, while the others
    # are still building.
    built = {first: work / "out" / "_build"}
    returncode = jupyter_book_build(first_book, work / "out")
    checks = [] if returncode else [search_secrets(built[first])]
    for language, log, process in others:
        code = process.wait()
        log.close()
        if code:
            print((work / f"build-{language}.log").read_text(encoding="utf-8"), file=sys.stderr)
            print(f"build_site: the {language} edition failed", file=sys.stderr)
            returncode = returncode or code
        else:
            built[language] = work / f"out-{language}" / "_build"
            checks.append(search_secrets(built[language]))
    failed = [c.returncode for c in checks if c.wait()]
    if returncode:
        print(f"build_site: the {mode} build failed (stage kept in {work})", file=sys.stderr)
        return returncode
    if failed:
        return failed[0]
    phase("editions built and searched for secrets")
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(built[first] / "html", out)
    for language, folder in built.items():
        if language != first:
            shutil.move(folder / "html", out / sites[language]["path"])
    shutil.rmtree(work)
    phase("moved into place")
    print("build_site: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases))
    for language, edition in sites.items():
        print(f"The {mode} site ({language}): open {out / edition.get('path', '') / 'index.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=tuple(OUT), required=True)
    parser.add_argument("--out", type=Path, help="the HTML folder (replaced); default by mode")
    parser.add_argument("--jobs", type=int, default=execute_notebooks.cores())
    parser.add_argument(
        "--languages", nargs="*", help="only these editions (English always); default: all"
    )
    args = parser.parse_args(argv)
    out = (args.out or OUT[args.mode]).resolve()
    if out == ROOT or ROOT.is_relative_to(out):
        parser.error(f"refusing to replace {out}")
    return build(args.mode, out, args.jobs, args.languages)


if __name__ == "__main__":
    sys.exit(main())
