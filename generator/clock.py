"""The build's day: what "today" means to a build (scheduled dossiers appear on it).

Its own module, with nothing else imported, so that a build with nothing to do
can tell so before it imports the pipeline.
"""

from __future__ import annotations

import datetime as dt
import os


def today() -> str:
    """Today as YYYY-MM-DD (UTC), or the day of SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.date().isoformat()
