#!/usr/bin/env bash
# The long crash-safety run (issue 15): 20 trials (default) of kill -9 of chibo and its PostgreSQL during a roster
# import and a burst of writes, each followed by a restart and the checks of src/server/test/crash.test.ts.
#   scripts/crash-long.sh            # 20 trials of a 3,000-row import
#   scripts/crash-long.sh 50 10000   # trials, rows per import
# Exit status 0 only when every trial passed: read from vitest's JSON report, not its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHIBO_CRASH_TRIALS="${1:-${CHIBO_CRASH_TRIALS:-20}}"
export CHIBO_CRASH_ROWS="${2:-${CHIBO_CRASH_ROWS:-3000}}"
unset DATABASE_URL
mkdir -p .tmp
out=.tmp/vitest-crash-long.json
rm -f "$out"
npx vitest run --project integration src/server/test/crash.test.ts --reporter=default --reporter=json "--outputFile.json=$out" || true
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`crash-long: ${r.numPassedTests} trials passed, ${r.numFailedTests} failed`);
process.exit(r.numFailedTests === 0 && r.numPassedTests > 0 ? 0 : 1);' "$out"
