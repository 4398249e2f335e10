#!/usr/bin/env bash
# Runs every test and ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp /tmp/open311-test.XXXXXX)
dotnet test Open311.slnx "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

sum() { grep -oE "$1" "$log" | grep -oE '[0-9]+' | awk '{s+=$1} END{print s+0}'; }
passed=$(sum 'Passed: +[0-9]+,')
failed=$(sum ' - Failed: +[0-9]+,')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a build or runner failure counts as a failure
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$rc"
