"""Words more than one area uses: durations."""

from __future__ import annotations

DURATION_SECONDS = "{seconds} s"
"""``45 s``."""
DURATION_MINUTES = "{minutes} min"
"""``2 min``."""
DURATION_MINUTES_SECONDS = "{minutes} min {seconds} s"
"""``1 min 30 s``."""
