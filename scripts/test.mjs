#!/usr/bin/env node
// `npm test`: unit + integration tests, then browser tests, then one closing line "N passed, N failed".
// The phases run one after the other: two cores are better spent on one phase at a time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// `node scripts/test.mjs integration` runs that phase alone (CI's second PostgreSQL); no argument: all of them.
const all = [
  { name: 'unit+integration', args: ['--project', 'unit', '--project', 'integration'] },
  { name: 'e2e', args: ['--project', 'e2e'] },
];
const extra = { integration: { name: 'integration', args: ['--project', 'integration'] } };
const only = process.argv.slice(2);
const phases = only.length ? only.map((n) => extra[n] ?? all.find((p) => p.name === n)).filter(Boolean) : all;
if (phases.length !== Math.max(only.length, 1) && only.length) {
  console.error(`Unknown test phase in: ${only.join(' ')} (known: ${[...all.map((p) => p.name), ...Object.keys(extra)].join(', ')})`);
  process.exit(2);
}
fs.mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;
// The names of the failed tests, printed again after the closing line: CI keeps only the tail of the output.
const failures = [];
for (const phase of phases) {
  const out = path.join('.tmp', `vitest-${phase.name}.json`);
  fs.rmSync(out, { force: true });
  const res = spawnSync('npx', ['vitest', 'run', ...phase.args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], { stdio: 'inherit' });
  if (res.status !== 0) exitCode = 1;
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (r.numTotalTests === 0) exitCode = 1;
    for (const file of r.testResults ?? []) {
      for (const a of file.assertionResults ?? []) {
        if (a.status !== 'failed') continue;
        const why = (a.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300);
        failures.push(`  ✗ [${phase.name}] ${path.relative(process.cwd(), file.name)} > ${a.fullName}\n      ${why}`);
      }
      if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
        failures.push(`  ✗ [${phase.name}] ${path.relative(process.cwd(), file.name)}\n      ${(file.message ?? '').split('\n')[0].slice(0, 300)}`);
      }
    }
  } else exitCode = 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failures.length) console.log(`Failed:\n${failures.join('\n')}`);
process.exit(exitCode || (failed > 0 || passed === 0 ? 1 : 0));
