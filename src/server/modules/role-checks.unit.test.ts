// Every allow/deny lives in a module's policy.ts (applied by platform/access.ts): a role compared, a grant looked
// through, or the system actor singled out anywhere else is a rule outside its policy, where the check of one
// record and the predicate of a list could drift apart. This scan fails the suite on the first one.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const server = path.resolve(import.meta.dirname, '..');

/** What a role check looks like in this code base. */
const roleCheckPatterns: { name: string; pattern: RegExp }[] = [
  { name: 'a role compared', pattern: /\.role\s*[!=]==?|[!=]==?\s*\w+\.role\b/ },
  { name: 'a role looked up in a list', pattern: /\.(includes|has|indexOf)\(\s*\w+\.role\b/ },
  { name: 'grants searched', pattern: /\bgrants\s*\??\.\s*(some|every|find|findIndex|findLast|filter|flatMap|reduce|forEach)\b/ },
  { name: 'a grant picked by position', pattern: /\bgrants\s*\??\.?\[/ },
  { name: 'the system actor singled out', pattern: /\.system\b/ },
  { name: 'a list of roles outside a policy', pattern: /\b\w+Roles\b\s*(=|as\b)/ },
];

const exempt = (rel: string) => rel.endsWith('.test.ts') || path.basename(rel) === 'policy.ts' || rel === 'platform/access.ts' || rel.startsWith('test/');

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The role checks in a source text, as "line: text". Comments are not code. */
function roleChecks(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
    for (const { name, pattern } of roleCheckPatterns) if (pattern.test(code)) found.push(`${i + 1} (${name}): ${line.trim()}`);
  });
  return found;
}

describe('no role check outside the policies', () => {
  it('recognizes the shapes it looks for', () => {
    expect(roleChecks("if (actor.grants.some((g) => g.role === 'province_admin')) return;")).toHaveLength(2);
    expect(roleChecks('const all = actor.grants.every((g) => g.role === "member");')).toHaveLength(2);
    expect(roleChecks('if (watchers.has(g.role)) x();')).toHaveLength(1);
    expect(roleChecks('const unitId = actor.grants[0]?.unitId;')).toHaveLength(1);
    expect(roleChecks('if (!actor.system) authorize();')).toHaveLength(1);
    expect(roleChecks("export const oversightRoles = ['province_admin'] as const;")).toHaveLength(1);
    expect(roleChecks('// a comment may say actor.grants.some(...)')).toHaveLength(0);
    expect(roleChecks('roles: s.actor.grants.map((g) => ({ role: g.role }))')).toHaveLength(0);
  });

  const files = sources(server)
    .map((f) => path.relative(server, f).split(path.sep).join('/'))
    .filter((rel) => !exempt(rel));

  it('scans the server sources', () => expect(files.length).toBeGreaterThan(50));

  it('finds none in any file but policy.ts and platform/access.ts', () => {
    const found = files.flatMap((rel) => roleChecks(fs.readFileSync(path.join(server, rel), 'utf8')).map((hit) => `${rel}:${hit}`));
    expect(found).toEqual([]);
  });
});
