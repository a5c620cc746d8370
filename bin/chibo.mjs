#!/usr/bin/env node
// The `chibo` CLI entry: runs the TypeScript sources through tsx so there is no build step for the server.
import { register } from 'tsx/esm/api';
register();
await import('../src/server/main.ts');
