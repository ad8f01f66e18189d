"""`certscope assess`: parse, build the context, score, print."""

from __future__ import annotations

import argparse
import json
import sys


def run_assess(args: argparse.Namespace) -> int:
    """Parse the documents, score them against the context, print the assessment."""
    print("certscope: assess is not implemented yet", file=sys.stderr)
    return 1
