"""Copy the browser assets the website serves itself from node_modules/ into _site_extra/.

`npm ci` installs the exact versions in package-lock.json; this script copies only the files
the pages load (plus MathJax's licence; the other two carry theirs in the file header) into
`_site_extra/assets/`, which the book publishes at `<site>/assets/` through `html_extra_path`:
deliberately not `_static/`, because Jupyter Book adds every .js file in `_static/` to every
page.

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
    # RequireJS, which the widget manager's AMD bundle needs (licence in its header).
    "requirejs": ("requirejs", ["require.js"]),
    # The Jupyter widget manager that renders ipywidgets' saved state on a static page;
    # the font files are Font Awesome, referenced by the bundle relative to its own location
    # (browsers take WOFF2, else WOFF; the bundle's EOT/TTF/SVG fallbacks are left out).
    "html-manager": (
        "@jupyter-widgets/html-manager",
        ["dist/embed-amd.js", "dist/*.woff2", "dist/*.woff"],
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
    if DEST.exists():
        shutil.rmtree(DEST)
    for folder, (package_name, patterns) in ASSETS.items():
        package = NODE_MODULES / package_name
        copied = sum(_copy(package, pattern, DEST / folder) for pattern in patterns)
        where = DEST.relative_to(ROOT) / folder
        print(f"vendor_assets: {copied:4d} files from {package_name} -> {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
