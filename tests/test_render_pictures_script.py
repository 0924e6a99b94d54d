"""The picture check (scripts/render_pictures.py) stays runnable: its imports and options work."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "render_pictures.py"


def test_the_picture_script_starts_and_explains_itself():
    done = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "--out" in done.stdout and "LibreOffice" in done.stdout
