"""The coursework tests import the scripts they test; `pythonpath` in pyproject.toml finds them."""
