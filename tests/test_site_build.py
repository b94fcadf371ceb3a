"""scripts/build_site.py: the repository settings, the staged files, and the CI workflows.

The repository URL comes from one place (REPO_URL). Without it no page shows a repository,
issue or launch button; with it every page shows the repository button and the chapter pages
launch buttons. Both are checked on a two-page book built with the course's own
configuration, extensions and templates.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import build_site
import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BASE = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REPO = "https://github.com/example-org/example-course"
HUB = "https://hub.example.edu"
LAUNCH_SERVICES = ("binderhub_url", "colab_url", "jupyterhub_url", "deepnote_url")


def test_the_committed_configuration_names_no_repository():
    assert "repository" not in BASE
    assert not any(BASE.get("html", {}).get(b) for b in ("use_repository_button",))
    assert not any(BASE.get("launch_buttons", {}).get(s) for s in LAUNCH_SERVICES)


def test_without_a_url_the_site_configuration_names_no_repository():
    config = build_site.site_config(BASE, repo_url="")
    assert "repository" not in config
    html = config["html"]
    assert not any(html.get(b) for b in ("use_repository_button", "use_issues_button"))
    assert not html.get("use_edit_page_button")
    assert not any(config["launch_buttons"].get(s) for s in LAUNCH_SERVICES)


def test_with_a_github_url_the_site_configuration_has_the_repository_and_launch_services():
    config = build_site.site_config(BASE, repo_url=REPO + ".git", branch="dev", jupyterhub_url=HUB)
    assert config["repository"] == {"url": REPO, "path_to_book": "", "branch": "dev"}
    assert config["html"]["use_repository_button"] is True
    launch = config["launch_buttons"]
    assert launch["binderhub_url"] == build_site.BINDERHUB_URL
    assert launch["colab_url"] == build_site.COLAB_URL
    assert launch["jupyterhub_url"] == HUB
    without_hub = build_site.site_config(BASE, repo_url=REPO)
    assert "jupyterhub_url" not in without_hub["launch_buttons"]


def test_a_url_outside_github_gets_the_repository_button_but_no_launch_services():
    config = build_site.site_config(BASE, repo_url="https://gitlab.example.org/o/r")
    assert config["html"]["use_repository_button"] is True
    assert not any(config["launch_buttons"].get(s) for s in LAUNCH_SERVICES)


def _tiny_book(where: Path, config: dict) -> Path:
    """The course's _toc.yml, configuration, extensions and templates, with one chapter and
    one exercise page whose outputs are stored (nothing is executed)."""
    for folder in ("_ext", "_templates", "_static"):
        shutil.copytree(ROOT / folder, where / folder)
    shutil.copy(ROOT / "_toc.yml", where / "_toc.yml")
    (where / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (where / "chapters").mkdir()
    (where / "chapters" / "index.md").write_text("# Tiny course\n", encoding="utf-8")
    # every page the table of contents names by file (instructors, the source check, ...)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        for entry in part["chapters"]:
            if "file" in entry:
                (where / f"{entry['file']}.md").write_text("# A page\n", encoding="utf-8")
    for page in ("chapters/01_tiny", "exercises/01_tiny"):
        cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
        cell.outputs = [
            nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
        ]
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Tiny"), cell])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.metadata["language_info"] = {"name": "python"}
        nb.metadata["mystnb"] = {"execution_mode": "off"}
        (where / page).parent.mkdir(exist_ok=True)
        nbformat.write(nb, where / f"{page}.ipynb")
    return where


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{"none"|"github": (chapter page HTML, exercise page HTML)}, built with -W -n."""
    pages = {}
    for name, url in (("none", ""), ("github", REPO)):
        tmp = tmp_path_factory.mktemp(name)
        config = build_site.site_config(BASE, repo_url=url, jupyterhub_url=HUB)
        book = _tiny_book(tmp / "book", config)
        result = subprocess.run(
            [Path(sys.executable).parent / "jupyter-book", "build", book]
            + ["--path-output", tmp / "out", "-W", "-n"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        html = tmp / "out" / "_build" / "html"
        pages[name] = tuple(
            (html / f"{p}.html").read_text(encoding="utf-8")
            for p in ("chapters/01_tiny", "exercises/01_tiny")
        )
    return pages


def test_without_a_url_no_page_shows_a_repository_issue_or_launch_button(built):
    for page in built["none"]:
        for sign in ("github.com", "btn-source-repository-button", "launch-buttons", "mybinder"):
            assert sign not in page, f"{sign!r} on a page built without REPO_URL"
        assert "colab" not in page.lower() and "issues" not in page.lower()


def test_with_a_url_pages_show_the_repository_and_chapters_the_launch_buttons(built):
    chapter, exercise = built["github"]
    for page in (chapter, exercise):
        assert f'href="{REPO}"' in page, "no repository button"
    assert "https://mybinder.org/v2/gh/example-org/example-course/main?urlpath=lab/tree/" in (
        chapter
    )
    assert "chapters/01_tiny.ipynb" in chapter
    assert "https://colab.research.google.com/github/example-org/example-course/blob/main/" in (
        chapter
    )
    assert f"{HUB}/hub/user-redirect/git-pull?" in chapter
    # A generated exercise page is not a file of the repository: nothing to launch.
    assert "launch-buttons" not in exercise and "mybinder" not in exercise


def test_one_search_field_and_an_empty_header_band(built):
    for page in built["none"] + built["github"]:
        assert page.count('class="btn search-button-field') == 1
        header = re.search(r'<header id="pst-header"[^>]*>(.*?)</header>', page, re.S)
        assert header is None or not header.group(1).strip(), "the theme's header band is back"


def test_staged_files_follow_gitignore_and_exclude_patterns_with_or_without_git(tmp_path):
    files = {
        ".gitignore": "ignored_dir/\n*.log\n/rooted.txt\n!keep.log\ngen/*\n!gen/keep/\n",
        "_config.yml": "exclude_patterns: [drafts, '**/.ipynb_checkpoints', notes.md]\n",
        "chapters/a.ipynb": "{}",
        "chapters/.ipynb_checkpoints/a.ipynb": "{}",
        "chapters/rooted.txt": "kept: the rule is anchored at the root",
        "rooted.txt": "ignored",
        "ignored_dir/x.md": "",
        "build.log": "",
        "keep.log": "",
        "drafts/d.md": "",
        "notes.md": "",
        "sub/.gitignore": "local.md\n",
        "sub/local.md": "",
        "sub/other.md": "",
        "gen/x.md": "",
        "gen/keep/y.md": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    expected = [
        ".gitignore",
        "_config.yml",
        "chapters/a.ipynb",
        "chapters/rooted.txt",
        "gen/keep/y.md",
        "keep.log",
        "sub/.gitignore",
        "sub/other.md",
    ]
    without_git = [p.as_posix() for p in build_site.book_files(tmp_path)]
    assert without_git == expected
    subprocess.run(["git", "init", "-q", tmp_path], check=True)
    with_git = [p.as_posix() for p in build_site.book_files(tmp_path)]
    assert with_git == expected


def _workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_ci_runs_the_test_command_on_push_and_pull_request():
    ci = _workflow("ci.yml")
    assert {"push", "pull_request"} <= set(ci["on"])
    steps = [s.get("run", "") for job in ci["jobs"].values() for s in job["steps"]]
    assert ".ci/run" in steps


def test_publishing_builds_the_book_with_the_repository_url_and_deploys_it_to_pages():
    pages = _workflow("pages.yml")
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    make = next(s for s in build["steps"] if s.get("run") == "make book")
    assert make["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    assert pages["on"]["workflow_run"]["workflows"] == ["CI"], "publish only what CI passed"
