// Reads the server's source and tells who owns what: the tables each owner declares in its schema.ts, the
// tables and schema files each source file names, and the imports between modules. ownership.unit.test.ts turns
// that into the rules of ARCHITECTURE.md ("every table has one owner", no module cycles, platform and domain
// below the modules). Parsed with TypeScript's parser: only string and template text counts as naming a table,
// never a comment or an identifier.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sourceRoots = ['src/server', 'src/domain'];

/** A test file or test support: they set up and inspect rows of every module, so the table rules skip them. */
export const isTestFile = (rel: string) => /\.test\.ts$/.test(rel) || rel.startsWith('src/server/test/');

/**
 * The owner of a file: `modules/<name>` for a module's folder, `platform` and `domain` for the layers below the
 * modules, `app` for the files that put everything together (app.ts, main.ts, the module registry).
 */
export function ownerOf(rel: string): string {
  const m = /^src\/server\/modules\/([^/]+)\//.exec(rel);
  if (m) return `modules/${m[1]}`;
  if (rel.startsWith('src/server/platform/')) return 'platform';
  if (rel.startsWith('src/domain/')) return 'domain';
  return 'app';
}

export interface SourceFile {
  rel: string;
  text: string;
}

export function readSources(): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations' && entry.name !== 'node_modules') walk(rel);
      } else if (/\.(ts|tsx|mjs)$/.test(entry.name)) {
        out.push({ rel, text: fs.readFileSync(path.join(repoRoot, rel), 'utf8') });
      }
    }
  };
  for (const root of sourceRoots) walk(root);
  return out;
}

const isSchemaFile = (rel: string) => path.basename(rel) === 'schema.ts';

interface Parsed {
  /** Every import, export-from and dynamic import(), resolved to a repository path when relative. */
  imports: { spec: string; target: string | null; line: number }[];
  /**
   * The text of every string and template literal (template text without its ${…} parts), with its line; `raw` when
   * it is handed to sql.raw() or sql.identifier() (a table name on its own).
   */
  literals: { text: string; line: number; raw?: boolean }[];
  /** Tables declared here: pgTable('name', …). */
  tables: string[];
}

const parsedFiles = new WeakMap<SourceFile, Parsed>();

/** The imports, literals and tables of a file, parsed once (every check reads the same files). */
export function parse(file: SourceFile): Parsed {
  let parsed = parsedFiles.get(file);
  if (!parsed) parsedFiles.set(file, (parsed = parseFile(file)));
  return parsed;
}

function parseFile(file: SourceFile): Parsed {
  const sf = ts.createSourceFile(file.rel, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const parsed: Parsed = { imports: [], literals: [], tables: [] };
  const addImport = (spec: string, node: ts.Node) => {
    let target: string | null = null;
    if (spec.startsWith('.')) {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file.rel), spec));
      target = resolved.replace(/\.js$/, '.ts');
    }
    parsed.imports.push({ spec, target, line: lineOf(node) });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      addImport(node.moduleSpecifier.text, node);
      return; // the specifier is a path, not SQL
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && first && ts.isStringLiteralLike(first)) {
        addImport(first.text, node);
        return;
      }
      if (ts.isIdentifier(node.expression) && node.expression.text === 'pgTable' && first && ts.isStringLiteralLike(first)) {
        parsed.tables.push(first.text);
      }
      const callee = node.expression.getText(sf);
      if ((callee === 'sql.raw' || callee === 'sql.identifier') && first && ts.isStringLiteralLike(first)) {
        parsed.literals.push({ text: first.text, line: lineOf(first), raw: true });
        return;
      }
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      addImport(node.argument.literal.text, node);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) parsed.literals.push({ text: node.text, line: lineOf(node) });
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) parsed.literals.push({ text: node.text, line: lineOf(node) });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return parsed;
}

/** Which owner declares each table, read from every schema.ts under the modules and the platform. */
export function tableOwners(files: SourceFile[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const f of files) {
    if (!isSchemaFile(f.rel) || isTestFile(f.rel)) continue;
    for (const table of parse(f).tables) {
      if (owners.has(table)) throw new Error(`table ${table} declared twice (${owners.get(table)} and ${ownerOf(f.rel)})`);
      owners.set(table, ownerOf(f.rel));
    }
  }
  return owners;
}

export interface Violation {
  file: string;
  line: number;
  what: string;
}

/**
 * Files naming a table of another owner in SQL text, or importing another owner's schema.ts. A schema.ts may import
 * another's tables for its foreign keys; test files are not checked.
 */
export function ownershipViolations(files: SourceFile[]): Violation[] {
  const owners = tableOwners(files);
  // A table is named in SQL after FROM, JOIN, INTO, UPDATE, TABLE, COPY or TRUNCATE (a CLI word "people" is not).
  const names = new RegExp(`\\b(${[...owners.keys()].join('|')})\\b`, 'g');
  const pattern = new RegExp(`\\b(?:from|join|into|update|table|copy|truncate)\\s+(?:only\\s+)?"?(${[...owners.keys()].join('|')})\\b`, 'gi');
  const violations: Violation[] = [];
  for (const f of files) {
    if (isTestFile(f.rel)) continue;
    const owner = ownerOf(f.rel);
    const parsed = parse(f);
    for (const imp of parsed.imports) {
      if (!imp.target || !isSchemaFile(imp.target)) continue;
      const targetOwner = ownerOf(imp.target);
      if (targetOwner !== owner && !isSchemaFile(f.rel)) violations.push({ file: f.rel, line: imp.line, what: `imports ${targetOwner}'s schema (${imp.spec})` });
    }
    for (const lit of parsed.literals) {
      for (const match of lit.text.matchAll(lit.raw ? names : pattern)) {
        const tableOwner = owners.get(match[1].toLowerCase())!;
        if (tableOwner !== owner) violations.push({ file: f.rel, line: lit.line, what: `names ${tableOwner}'s table ${match[1]}` });
      }
    }
  }
  return violations;
}

/** Imports from platform/ or domain/ into the modules (or the app), and from domain/ into the server. */
export function layerViolations(files: SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const f of files) {
    const owner = ownerOf(f.rel);
    if ((owner !== 'platform' && owner !== 'domain') || isTestFile(f.rel)) continue;
    for (const imp of parse(f).imports) {
      if (!imp.target) continue;
      const to = ownerOf(imp.target);
      const wrong = owner === 'domain' ? !imp.target.startsWith('src/domain/') : to !== 'platform' && to !== 'domain';
      if (wrong) violations.push({ file: f.rel, line: imp.line, what: `${owner} imports ${imp.spec}` });
    }
  }
  return violations;
}

/**
 * The module-level import graph of the source (tests may reach into any module they exercise). A schema.ts importing
 * another's schema.ts declares foreign keys — the database's arrows, resolved lazily (`references(() => …)`) — and is
 * no arrow of the code: accounts point at persons and people's import jobs at accounts, yet neither module calls the other.
 */
export function moduleGraph(files: SourceFile[]): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const f of files) {
    const from = ownerOf(f.rel);
    if (!from.startsWith('modules/') || isTestFile(f.rel)) continue;
    for (const imp of parse(f).imports) {
      if (!imp.target || (isSchemaFile(f.rel) && isSchemaFile(imp.target))) continue;
      const to = ownerOf(imp.target);
      if (!to.startsWith('modules/') || to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${f.rel}:${imp.line}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Cycles of the module graph (at least one whenever there is any), each as the modules around it and the import of each step. */
export function moduleCycles(graph: Map<string, Map<string, string>>): string[] {
  const cycles = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string) => {
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (onStack.has(next)) {
        const loop = stack.slice(stack.indexOf(next));
        // The same cycle found from another start is the same cycle: start it at its smallest name.
        const start = loop.indexOf([...loop].sort()[0]);
        const ordered = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.add([...ordered, ordered[0]].map((m, i, all) => (i === 0 ? m : `${m} (${graph.get(all[i - 1])!.get(m)})`)).join(' → '));
      } else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) if (!done.has(node)) visit(node);
  return [...cycles];
}

/** The SQL migrations, in the order they run (their numbered names). */
export function readMigrations(): SourceFile[] {
  const dir = 'src/server/platform/db/migrations';
  return fs
    .readdirSync(path.join(repoRoot, dir))
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .map((n) => ({ rel: `${dir}/${n}`, text: fs.readFileSync(path.join(repoRoot, dir, n), 'utf8') }));
}

/**
 * Triggers in force after every migration whose function or name says which module they belong to
 * (`<module>_…`, e.g. meetings_figures_tree) on a table of another owner: that owner's table would run another
 * module's code, unseen by the owner. The owner offers a hook instead (org's `<module>_on_org_units_changed`,
 * migration 0043). Triggers of the platform (chibo_feed_*, figures_*, audit_*) name no module and are not checked.
 */
export function triggerViolations(files: SourceFile[], migrations: SourceFile[] = readMigrations()): Violation[] {
  const owners = tableOwners(files);
  const modules = new Set([...owners.values()].filter((o) => o.startsWith('modules/')).map((o) => o.slice('modules/'.length)));
  const moduleOf = (name: string) => [...modules].find((m) => name.toLowerCase().startsWith(`${m}_`));
  const live = new Map<string, Violation & { table: string; module: string | undefined }>();
  const create = /CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\s+"?(\w+)"?[^;]*?\bON\s+"?(\w+)"?[^;]*?EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+"?(\w+)"?/gi;
  const drop = /DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?"?(\w+)"?\s+ON\s+"?(\w+)"?/gi;
  for (const m of migrations) {
    const events = [
      ...[...m.text.matchAll(create)].map((x) => ({ at: x.index, kind: 'create' as const, name: x[1], table: x[2].toLowerCase(), fn: x[3] })),
      ...[...m.text.matchAll(drop)].map((x) => ({ at: x.index, kind: 'drop' as const, name: x[1], table: x[2].toLowerCase(), fn: '' })),
    ].sort((a, b) => a.at - b.at);
    for (const e of events) {
      const key = `${e.table}.${e.name}`;
      if (e.kind === 'drop') live.delete(key);
      else {
        const line = m.text.slice(0, e.at).split('\n').length;
        live.set(key, { file: m.rel, line, what: `trigger ${e.name} on ${owners.get(e.table) ?? 'unknown'}'s table ${e.table} runs ${e.fn}`, table: e.table, module: moduleOf(e.fn) ?? moduleOf(e.name) });
      }
    }
  }
  return [...live.values()]
    .filter((t) => t.module && owners.has(t.table) && owners.get(t.table) !== `modules/${t.module}`)
    .map(({ file, line, what }) => ({ file, line, what }));
}
