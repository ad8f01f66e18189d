#!/usr/bin/env bash
# Static security checks, run by .ci/run with the project's venv active:
# - bandit on the shipped code: any finding of medium severity or above fails the run; reviewed
#   exceptions carry `# nosec <test id>` and the reason beside them in the code;
# - pip-audit on the installed packages: a known vulnerability fails the run; when the advisory
#   database cannot be reached, .ci/audit.py says so in a banner instead of passing silently.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

echo "== bandit (medium severity and above fail)"
"$PY" -m bandit -q -c pyproject.toml -r portal parsers scoring questionnaires --severity-level medium || {
  echo "bandit found issues of medium severity or above (see above)"; exit 1; }
echo "bandit: no finding of medium severity or above"

echo "== pip-audit (installed packages; the project itself is editable and skipped)"
report=$(mktemp)
"$PY" -m pip_audit --local --skip-editable --progress-spinner off --timeout 20 --format json --output "$report"
status=$?
"$PY" .ci/audit.py "$report" "$status"
verdict=$?
rm -f "$report"
exit $verdict
