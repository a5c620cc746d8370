#!/usr/bin/env node
// `npm run api:lint`: writes the OpenAPI document from the routes (no database needed) and lints it with Redocly's
// recommended rules (redocly.yaml). Fails on any error; warnings are printed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const file = '.tmp/openapi.json';
fs.mkdirSync('.tmp', { recursive: true });
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const write = spawnSync('npx', ['tsx', 'scripts/api-generate.ts', '--document', file], { stdio: 'inherit', env });
if (write.status !== 0) process.exit(write.status ?? 1);
const lint = spawnSync('npx', ['redocly', 'lint', file, '--config', 'redocly.yaml', '--format', 'stylish', '--max-problems', '1000'], { stdio: 'inherit', env });
process.exit(lint.status ?? 1);
