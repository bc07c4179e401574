#!/usr/bin/env bash
# Totals the <Counters> of every TRX file under a folder and prints "N passed, N failed, N skipped"; the second
# argument, the console log of the run, explains run-level errors (below).
# Exits 1 when a test failed, or when no test ran at all (an empty run is not a green run).
set -euo pipefail
dir=${1:-TestResults}
passed=0 failed=0 skipped=0 files=0
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  # One line per test assembly, as the console's minimal verbosity would print it.
  # awk stops at the first match itself: `grep | head` would die of SIGPIPE under pipefail on a large TRX.
  dll=$(awk 'match($0, /codeBase="[^"]*"/) { print substr($0, RSTART + 10, RLENGTH - 11); exit }' "$trx")
  dll=${dll##*/}
  echo "${dll:-$trx}: ${p:-0} passed, $(( ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0} )) failed, $(( ${total:-0} - ${executed:-0} )) skipped"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
# Each skipped test with its reason, so a skip is visible and never silent.
find "$dir" -name '*.trx' -print0 2>/dev/null | xargs -0 -r awk '
  /outcome="NotExecuted"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
  want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "skipped: " name " — " $0; want = 0 }'
# Each failed test with the first line of its message, last before the summary so a CI tail shows it.
find "$dir" -name '*.trx' -print0 2>/dev/null | xargs -0 -r awk '
  /<UnitTestResult .*outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
  want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "failed: " name " — " substr($0, 1, 300); want = 0 }'
# A run can fail with every test passed: a class or collection fixture that throws on clean-up, a test host that
# crashes. The runner records it as a RunInfo with outcome Error (besides echoing each failed test's "[FAIL]" line
# there); each such error is a failure here too. The TRX keeps only the runner's first line ("[Test Class Cleanup
# Failure (…)] Xunit.Sdk.TestPipelineException"); the exception itself is in the console log (normal verbosity), so
# the innermost exception's message goes on the failed line and up to 25 of the runner's lines follow, indented.
log=${2:-}
runner_lines() {
  [ -n "$log" ] && [ -f "$log" ] || return 0
  awk -v key="$1" '
    !grab && index($0, key) { grab = 1; n = 0; next }
    grab && /^\[xUnit\.net [^]]*\]       / { if (n < 25) { line = $0; sub(/^\[xUnit\.net [^]]*\] +/, "", line); print line; n++ } next }
    grab && /^\[xUnit\.net / { exit }' "$log"
}
run_errors=$(find "$dir" -name '*.trx' -print0 2>/dev/null | xargs -0 -r awk '
  /<RunInfo [^>]*outcome="Error"/ { want = 1; next }
  want && /<Text>/ {
    want = 0; if ($0 ~ /\[FAIL\]/) next
    sub(/.*<Text>/, ""); sub(/<\/Text>.*/, ""); sub(/^\[xUnit\.net [^]]*\] */, ""); print FILENAME "\t" $0
  }')
run_error_count=0
while IFS=$'\t' read -r trx header; do
  [ -n "$header" ] || continue
  run_error_count=$((run_error_count + 1))
  details=$(runner_lines "$header")
  cause=$(echo "$details" | awk '/^ *Stack Trace:/ { exit } /^ *-+ / { sub(/^ *-+ /, ""); c = $0 } END { print c }')
  [ -n "$cause" ] || cause=$(echo "$details" | head -n 1 | sed 's/^ *//')
  echo "failed: test run $trx — ${header:0:200}${cause:+ — ${cause:0:300}}"
  [ -z "$details" ] || echo "$details" | sed 's/^/    /'
done <<< "$run_errors"
failed=$((failed + run_error_count))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$files" -gt 0 ] && [ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
