"""The explorers on the built website: with no kernel and no network, moving a control with the
keyboard shows the picture for the new value.

For every chapter whose notebook calls an explorer (``explorers.<name>_explorer(``), the built
page is opened in Chromium (light and dark) with every request that leaves the local server
blocked, and each control of each explorer is moved with the keyboard. Uses the fixtures of
conftest.py (the built site on 127.0.0.1 and Debian's chromium); run with `make browser`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from .audit import toc_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r"\bexplorers\.(\w+_explorer)\(")
MAX_PLAYER_BYTES = 1_000_000
WIDGET_MANAGER = re.compile(r"/assets/(html-manager/|widgets-offline\.js)|(embed-amd|require)\.js")


def _explorer_pages() -> list[tuple[str, list[str]]]:
    """(built page, explorer functions called) for every TOC chapter that uses an explorer."""
    found = []
    for page in toc_pages(ROOT):
        source = ROOT / Path(page).with_suffix(".ipynb")
        if not source.is_file():
            continue
        nb = nbformat.read(source, as_version=4)
        calls = [m for c in nb.cells if c.cell_type == "code" for m in CALL.findall(c.source)]
        if calls:
            found.append((page, calls))
    return found


EXPLORER_PAGES = _explorer_pages()

# Reads every control of one player and the frame the page shows.
STATE_JS = """
root => ({
  frame: root.getAttribute('data-frame'),
  caption: root.querySelector('.afx-caption').textContent,
  controlsShown: !root.querySelector('.afx-controls').hidden,
  controls: [...root.querySelectorAll('[data-name]')].map(el => ({
    name: el.dataset.name, value: el.value, type: el.type,
    shown: !el.closest('.afx-control').hidden,
    max: el.type === 'range' ? +el.max : el.options.length - 1,
    valuetext: el.getAttribute('aria-valuetext'),
    readout: el.closest('.afx-control').querySelector('.afx-value')?.textContent ?? null,
    name_text: el.closest('label').querySelector('.afx-label').textContent })),
  data: JSON.parse(root.querySelector('.afx-data').textContent),
  bytes: new Blob([root.outerHTML]).size,
})
"""


def _expected_key(state: dict) -> str:
    """The frame key for the controls' values, worked out here from the player's table."""
    values = {c["name"]: c["value"] for c in state["controls"]}
    parts = []
    for c in state["data"]["controls"]:
        applies = c["when"] is None or values[c["when"][0]] == str(c["when"][1])
        parts.append(values[c["name"]] if applies else "-")
    return ".".join(parts)


# `tab`: a fresh offline browser tab (conftest.py).


NO_EXPLORER = (
    "no chapter notebook calls explorers.<name>_explorer() yet, so there is no explorer page to "
    "open; this test runs as soon as a chapter uses one"
)


@pytest.mark.parametrize(
    ("chapter", "calls"), EXPLORER_PAGES or [(None, None)], ids=lambda v: str(v).split("/")[-1]
)
def test_explorer_responds_to_the_keyboard_offline(tab, base_url, site_dir, chapter, calls, mode):
    if chapter is None:
        pytest.skip(NO_EXPLORER)
    assert (site_dir / chapter).is_file(), f"{chapter} is not in the built site"
    tab.goto(base_url + chapter, wait_until="load")
    players = tab.locator(".afx")
    assert players.count() == len(calls), (
        f"{chapter} calls {calls} but shows {players.count()} explorer player(s): is "
        "nb_mime_priority_overrides in _config.yml?"
    )
    for i in range(players.count()):
        player = players.nth(i)
        player.scroll_into_view_if_needed()
        state = player.evaluate(STATE_JS)
        assert state["controlsShown"], "the player's script did not run (controls still hidden)"
        assert state["bytes"] <= MAX_PLAYER_BYTES, f"{calls[i]}: {state['bytes']} bytes"
        for control in [c for c in state["controls"] if c["shown"]]:
            assert control["name_text"].strip(), f"{control['name']} has no visible label"
            field = player.locator(f'[data-name="{control["name"]}"]')
            if not field.is_visible():
                continue
            before = player.evaluate(STATE_JS)
            picture_before = player.locator(".afx-figure").screenshot()
            field.focus()
            at_end = int(control["value"]) == control["max"]
            if control["type"] == "range":
                tab.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            else:
                tab.keyboard.press("ArrowUp" if at_end else "ArrowDown")
            after = player.evaluate(STATE_JS)
            moved = next(c for c in after["controls"] if c["name"] == control["name"])
            where = f"{chapter} ({mode}), {calls[i]}, control {control['name']!r}"
            assert moved["value"] != control["value"], f"{where}: the key did not move it"
            # The page shows the frame of the new values, with its caption ...
            key = _expected_key(after)
            assert after["frame"] == key != before["frame"], where
            assert after["caption"] == after["data"]["frames"][key][1], where
            # ... the displayed picture changed ...
            assert player.locator(".afx-figure").screenshot() != picture_before, where
            # ... and the slider says its new value, in words and on screen.
            if moved["type"] == "range":
                spec = next(c for c in after["data"]["controls"] if c["name"] == moved["name"])
                text = spec["readouts"][int(moved["value"])]
                assert moved["valuetext"] == moved["readout"] == text, where
    assert not tab.log["blocked"], "requests left the site:\n" + "\n".join(tab.log["blocked"])
    assert not tab.log["errors"], "console errors:\n" + "\n".join(tab.log["errors"])
    manager = [url for url in tab.log["requests"] if WIDGET_MANAGER.search(url)]
    assert not manager, f"{chapter} loads the widget manager it does not need: {manager}"


def test_explorer_pages_are_the_ones_that_show_players(site_dir):
    """A built chapter shows a player only if its notebook calls an explorer (and vice versa)."""
    with_calls = {page for page, _ in EXPLORER_PAGES}
    shown = {
        page
        for page in toc_pages(ROOT)
        if (site_dir / page).is_file()
        and 'class="afx afx-' in (site_dir / page).read_text(encoding="utf-8")
    }
    assert shown == with_calls, json.dumps({"players": sorted(shown), "calls": sorted(with_calls)})
