// The contract: every operation names itself, says what it does, who may call it and what it answers, in the one
// error shape; and the web's generated types are those of today's routes (run `npm run api:generate` when not).
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneEntryALine, openApiDocument, WEB_TYPES_FILE, webApiTypes } from './openapi.js';

type Operation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, Answer>;
};
type Answer = { $ref?: string; content?: Record<string, { schema?: { $ref?: string } }> };

let document: Record<string, unknown>;
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  document = await openApiDocument();
  operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );
}, 60_000);

describe('the OpenAPI document', () => {
  it('names every operation once, in camelCase', () => {
    expect(operations.length).toBeGreaterThan(70);
    const unnamed = operations.filter((o) => !/^[a-z][A-Za-z]+$/.test(o.op.operationId ?? '')).map((o) => `${o.method} ${o.path}`);
    expect(unnamed).toEqual([]);
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every operation a summary, a success answer and its security', () => {
    const lacking = operations
      .filter((o) => !o.op.summary || !Object.keys(o.op.responses).some((s) => s.startsWith('2')) || !Array.isArray(o.op.security))
      .map((o) => `${o.method} ${o.path}`);
    expect(lacking).toEqual([]);
  });

  it('asks for the CSRF header on every signed-in write, and for a session on every other signed-in call', () => {
    const wrong = operations.filter(({ method, op }) => {
      const schemes = op.security!.flatMap((s) => Object.keys(s));
      if (op.security!.length === 0) return false; // public
      if (method === 'get') return !schemes.includes('session') || schemes.includes('csrf');
      return !schemes.includes('csrf');
    });
    expect(wrong.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('documents every error answer in the one error shape, written once in components.responses', () => {
    const shared = (document.components as { responses?: Record<string, Answer> }).responses ?? {};
    const resolve = (r: Answer) => (r.$ref?.startsWith('#/components/responses/') ? shared[r.$ref.slice('#/components/responses/'.length)] : r);
    const other = operations.flatMap(({ method, path, op }) =>
      Object.entries(op.responses)
        .filter(([status, r]) => /^[45]/.test(status) && (!r.$ref || resolve(r)?.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ApiError'))
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(other).toEqual([]);
    // Every signed-in operation says what happens without a session.
    const no401 = operations.filter(({ op }) => op.security!.some((s) => 'session' in s) && !op.security!.some((s) => Object.keys(s).length === 0) && !op.responses['401']);
    expect(no401.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it("prints the generator's types one entry a line, changing nothing but white space", async () => {
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    const printed = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true }));
    const folded = oneEntryALine(printed);
    expect(folded.split('\n').length).toBeLessThan(printed.split('\n').length / 5);
    expect(folded.replace(/\s+/g, '')).toBe(printed.replace(/\s+/g, ''));
    // Generating the types of the whole document takes seconds on a busy machine: past vitest's 5 s default.
  }, 30_000);

  it('is the one the web was generated from (else run `npm run api:generate`)', async () => {
    const committed = fs.readFileSync(WEB_TYPES_FILE, 'utf8');
    expect(await webApiTypes(document), `${WEB_TYPES_FILE} is stale: run npm run api:generate`).toBe(committed);
  });
});
