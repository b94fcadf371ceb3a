"""The student build of the website gives away no solution and no hidden test, in any file.

``make coursework-test`` builds it first (``make book-student``, HTML in ``<folder>/html``) and
passes its folder in
``COURSEWORK_STUDENT_SITE``; run on its own, this module builds it into a temporary folder.
"""

import os
import subprocess
import sys
from pathlib import Path

import check_site_secrets
import make_exercise_pages
import pytest
from coursework_helpers import ASSIGNMENTS, SCRIPTS, env

pytestmark = pytest.mark.coursework


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    given = os.environ.get("COURSEWORK_STUDENT_SITE")
    if given:
        build = Path(given)
        assert (build / "html" / "index.html").exists(), f"no student build in {build}"
        return build
    build = tmp_path_factory.mktemp("student-site") / "site"
    result = subprocess.run(
        [sys.executable, SCRIPTS / "build_site.py", "--mode", "student", "--out", build / "html"],
        env=env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return build


def test_no_file_of_the_student_site_contains_a_solution_a_hidden_test_or_a_marker(site):
    leaks, _, n_files = check_site_secrets.scan(site, "student")
    assert n_files > 50, f"only {n_files} files: is this a built site?"
    shown = "\n".join(
        f"{path.relative_to(site)}: {s.kind} {s.where}: {s.text}" for path, s in leaks
    )
    assert not leaks, f"the student site leaks:\n{shown}"


def test_the_student_site_publishes_no_notebook_sources(site):
    html = site / "html"
    assert not list(html.rglob("_sources")), "notebook sources are published"
    assert not list(html.rglob("*.ipynb")), "a notebook is published"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_exercise_pages_show_stubs_and_visible_tests_but_no_outputs(site, assignment):
    page = (site / "html" / "exercises" / f"{assignment}.html").read_text("utf-8")
    assert "NotImplementedError" in page
    assert "Visible tests" in page
    assert 'class="cell_output' not in page, "an exercise page of the student site has outputs"


def test_the_leak_search_finds_solutions_in_rendered_html(tmp_path):
    """A control: the same search, on public pages rendered to HTML, finds their solutions."""
    pages = tmp_path / "pages"
    make_exercise_pages.main(["--mode", "public", "--out", str(pages)])
    html = tmp_path / "html"
    subprocess.run(
        [Path(sys.executable).parent / "jupyter-nbconvert", "--to", "html", "--output-dir", html]
        + sorted(pages.glob("*.ipynb")),
        env=env(),
        capture_output=True,
        check=True,
    )
    leaks, _, _ = check_site_secrets.scan(html, "student")
    found = {path.stem for path, secret in leaks if secret.kind == "solution"}
    assert found == set(ASSIGNMENTS), (
        f"solutions not found in the HTML of {set(ASSIGNMENTS) - found}"
    )
    public_leaks, _, _ = check_site_secrets.scan(html, "public")
    assert not public_leaks, "public pages must not show hidden tests or markers"


def test_the_leak_search_finds_a_translated_model_answer(tmp_path):
    """A control for the Chinese edition: a model answer's translation (from locales/) on a
    student page is a leak, though none of its English words is there."""
    translated = [
        s
        for s in check_site_secrets.secrets(
            check_site_secrets.ROOT / "coursework" / "source", "student"
        )
        if s.kind == "solution (translated)"
    ]
    assert len({s.where for s in translated}) >= 5, "no translated model answers found"
    (tmp_path / "page.html").write_text(
        f'<html lang="zh-CN"><p><strong>参考答案</strong> {translated[0].text}</p></html>',
        encoding="utf-8",
    )
    leaks, _, _ = check_site_secrets.scan(tmp_path, "student")
    assert any(s.kind == "solution (translated)" for _, s in leaks)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_chinese_student_pages_show_the_stubs_too(site, assignment):
    page = (site / "html" / "zh_CN" / "exercises" / f"{assignment}.html").read_text("utf-8")
    assert 'lang="zh-CN"' in page
    assert "NotImplementedError" in page
    assert 'class="cell_output' not in page
