"""The coursework tests import the scripts they test (make_exercise_pages, check_site_secrets)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
