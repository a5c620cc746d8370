#!/usr/bin/env bash
# The long fuzz run (issue 15): every route of the OpenAPI document, 50,000 requests by default.
#   scripts/fuzz-long.sh                 # 50,000 cases, a fresh seed (printed)
#   scripts/fuzz-long.sh 200000 12345    # cases, seed (to replay a failure CI printed)
# Exit status 0 only when the test passed: read from vitest's JSON report, not its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHIBO_FUZZ_CASES="${1:-${CHIBO_FUZZ_CASES:-50000}}"
if [ -n "${2:-}" ]; then export CHIBO_FUZZ_SEED="$2"; fi
mkdir -p .tmp
out=.tmp/vitest-fuzz-long.json
rm -f "$out"
npx vitest run --project integration src/server/test/fuzz.test.ts --reporter=default --reporter=json "--outputFile.json=$out" || true
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`fuzz-long: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
process.exit(r.numFailedTests === 0 && r.numPassedTests > 0 ? 0 : 1);' "$out"
