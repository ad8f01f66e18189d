"""Tell a bug of certscope's from a fault of the file: no exception is swallowed as "unreadable".

A PDF library that fails on a damaged or hostile file fails because of the file; an exception raised
in certscope's own code is a bug, logged with its traceback and told to the user as such.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
OUR_CODE = tuple(str(_ROOT / package) + os.sep
                 for package in ("parsers", "scoring", "questionnaires", "portal"))


def raised_by_us(err: BaseException) -> bool:
    """Whether the exception was raised in certscope's own code (a bug), not in a library it called."""
    frames = traceback.extract_tb(err.__traceback__)
    return bool(frames) and frames[-1].filename.startswith(OUR_CODE)
