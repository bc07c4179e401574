#!/usr/bin/env bash
# Totals the <Counters> of every TRX file under a folder and prints "N passed, N failed, N skipped".
# Exits 1 when a test failed, or when no test ran at all (an empty run is not a green run).
set -euo pipefail
dir=${1:-TestResults}
passed=0 failed=0 skipped=0 files=0
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
echo "$passed passed, $failed failed, $skipped skipped"
[ "$files" -gt 0 ] && [ "$failed" -eq 0 ] && [ $((passed + failed)) -gt 0 ]
