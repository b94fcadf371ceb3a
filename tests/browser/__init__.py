"""The built website in a real browser (marker: browser)."""
