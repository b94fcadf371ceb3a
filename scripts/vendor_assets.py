"""Copy the browser assets the website serves itself from node_modules/ into _site_extra/.

`npm ci` installs the exact versions in package-lock.json; this script copies only the files
the pages load (plus their licences) into `_site_extra/assets/`, where git ignores them beside
our own small files. The book publishes that folder at `<site>/assets/` through
`html_extra_path`: deliberately not `_static/`, because Jupyter Book adds every .js file in
`_static/` to every page.

    python scripts/vendor_assets.py          # run by `make book` after `npm ci`
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
DEST = ROOT / "_site_extra" / "assets"

# destination folder -> (package folder in node_modules, files or folders to copy from it)
ASSETS: dict[str, tuple[str, list[str]]] = {
    # MathJax 3: the TeX-to-CommonHTML bundle, its web fonts, and the parts it loads on demand
    # (TeX extensions through autoload/\require, the menu's accessibility explorer and its
    # speech-rule engine). Paths keep MathJax's own layout because it finds them relative to
    # tex-chtml.js.
    "mathjax": (
        "mathjax",
        [
            "LICENSE",
            "es5/tex-chtml.js",
            "es5/output/chtml/fonts/woff-v2",
            "es5/input/tex/extensions",
            "es5/ui",
            "es5/a11y",
            "es5/sre",
        ],
    ),
    # The Jupyter widget manager that renders ipywidgets' saved state on a static page: the
    # standalone bundle (embed.js), which carries ipywidgets' own widgets and needs no RequireJS.
    # (MyST-NB's default, embed-amd.js + require.js, is twice the size -- a widget page would
    # break the 2 MB budget -- and its extra power, fetching third-party widget code from a
    # CDN, cannot work offline anyway.) The font files are Font Awesome, which the bundle
    # loads from its own folder; browsers take WOFF2, else WOFF.
    "html-manager": (
        "@jupyter-widgets/html-manager",
        ["dist/embed.js", "dist/embed.js.LICENSE.txt", "dist/*.woff2", "dist/*.woff"],
    ),
}


def _copy(package: Path, pattern: str, dest: Path) -> int:
    """Copy every match of `pattern` (relative to `package`) to `dest`, dropping the first
    path component for MathJax's `es5/` and html-manager's `dist/`. Returns the number of files."""
    matches = sorted(package.glob(pattern))
    if not matches:
        raise SystemExit(f"vendor_assets: {package.name}/{pattern} not found; run `npm ci` first")
    count = 0
    for source in matches:
        relative = source.relative_to(package)
        if relative.parts[0] in {"es5", "dist"}:
            relative = Path(*relative.parts[1:])
        target = dest / relative
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
            count += sum(1 for p in source.rglob("*") if p.is_file())
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
            count += 1
    return count


def main() -> int:
    # DEST also holds our own small files (committed); only the vendored folders are replaced.
    for folder, (package_name, patterns) in ASSETS.items():
        shutil.rmtree(DEST / folder, ignore_errors=True)
        package = NODE_MODULES / package_name
        copied = sum(_copy(package, pattern, DEST / folder) for pattern in patterns)
        where = DEST.relative_to(ROOT) / folder
        print(f"vendor_assets: {copied:4d} files from {package_name} -> {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
