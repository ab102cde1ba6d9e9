#!/usr/bin/env bash
# Runs shellcheck over every shell script of the repository; reports the check as skipped when shellcheck is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v shellcheck >/dev/null 2>&1; then
    echo "shellcheck: SKIPPED - shellcheck is not installed (apt-get install shellcheck)" >&2
    exit 0
fi

mapfile -t files < <(
    cd "$root" && {
        git ls-files --cached --others --exclude-standard -- '*.sh' 'network/**/bin/*' '.ci/run' 'scripts/bia'
    } | sort -u
)
if [ "${#files[@]}" -eq 0 ]; then
    echo "shellcheck: no shell scripts found" >&2
    exit 0
fi
(cd "$root" && shellcheck --severity=style "${files[@]}")
echo "shellcheck: ${#files[@]} scripts clean"
