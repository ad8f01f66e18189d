"""Judge a `pip-audit --format json` report: fail on a known vulnerability, shout when nothing was audited.

pip-audit answers "No known vulnerabilities found" (exit 0) even when it could not reach the advisory
database and skipped every package. A skipped package is not a clean one: this prints a banner that
cannot be missed, and exits 0 only because a machine without internet must not fail CI for that.
Exit 1 when any audited package has a known vulnerability (or the report is unreadable: exit 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BANNER = "!" * 78


def main(report_path: str, pip_audit_status: int) -> int:
    """Read the report; print the verdict; return the exit status for CI."""
    try:
        report = json.loads(Path(report_path).read_text())
    except (OSError, ValueError):
        shout(f"pip-audit produced no report (exit {pip_audit_status}): the dependency audit DID NOT RUN.")
        return 0
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if "skip_reason" not in d]
    skipped = [d for d in dependencies if "skip_reason" in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"VULNERABLE {dep['name']} {dep.get('version')}: {vuln.get('id')} (fixed in {fixes})")
    print(f"pip-audit: {len(audited)} packages audited, {len(skipped)} not audited, "
          f"{len(vulnerable)} with known vulnerabilities.")
    if not audited and skipped:
        shout(f"The advisory database could not be reached: NONE of the {len(skipped)} installed packages "
              f"was audited ({skipped[0]['skip_reason']}). The dependency audit DID NOT RUN; "
              "run .ci/run where PyPI's JSON API or OSV is reachable.")
    elif skipped:
        print("Not audited: " + ", ".join(f"{d['name']} ({d['skip_reason']})" for d in skipped))
    return 1 if vulnerable else 0


def shout(message: str) -> None:
    """Print `message` framed so that nobody reading the log can miss it."""
    print(f"\n{BANNER}\n!!! WARNING: {message}\n{BANNER}\n", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0))
