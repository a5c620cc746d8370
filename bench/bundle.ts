// The weight of the web app's first load, from the build output: the gzipped JavaScript and CSS a browser fetches
// before the first screen (the entry chunk and everything it imports statically, as index.html lists them), and
// the same for each public page (public.html's entry, its own lighter one, plus the page's chunks and its module's
// catalogs) and a few signed-in pages. Goal (issue 14): the app's first load ≤ 200 KB of gzipped JavaScript, the
// public pages lighter still: the check fails (exit 1) unless each public page is lighter than the app's first load.
//
//   npx tsx bench/bundle.ts            # measures dist/web as it is
//   npx tsx bench/bundle.ts --build    # builds first (vite build; slow on a shared machine: take the heavy lock)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/web');
if (process.argv.includes('--build')) execFileSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
const manifestFile = path.join(out, '.vite/manifest.json');
if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: build the web app first (npx tsx bench/bundle.ts --build)`);

type Chunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;
const gz = (file: string) => gzipSync(readFileSync(path.join(out, file)), { level: 9 }).length;

/** The files a chunk needs before it runs: itself, its static imports (transitively), and their CSS. */
function closure(keys: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key];
    if (!c) return;
    if (c.file.endsWith('.js')) js.add(c.file);
    for (const f of c.css ?? []) css.add(f);
    for (const i of c.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return { js, css };
}

const sum = (files: Set<string>) => [...files].reduce((n, f) => n + gz(f), 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && (k === 'index.html' || k.endsWith('/index.html')))!;
// The public pages' entry (public.html, src/web/public-main.tsx): no Mantine, no router, no signed-in shell.
const publicEntryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && (k === 'public.html' || k.endsWith('/public.html')));
if (!publicEntryKey) throw new Error('no public.html entry in the build: the public pages have an entry of their own (vite.config.ts)');
const pageKey = (name: string) => Object.keys(manifest).find((k) => k === name || k.endsWith(`/${name}`));

const rows: { what: string; js: number; css: number; files: number }[] = [];
const measure = (what: string, keys: string[]) => {
  const c = closure(keys);
  rows.push({ what, js: sum(c.js), css: sum(c.css), files: c.js.size + c.css.size });
};
measure('first load (entry, as index.html loads it)', [entryKey]);
// A page is the entry plus the lazy chunks it opens with (the signed-in pages also need the shell, SignedInApp).
const shell = pageKey('SignedInApp.tsx');
const viCatalogs = Object.keys(manifest).filter((k) => /features\/[^/]+\/i18n\/vi\.json$/.test(k));
// A public page loads only its own module's catalogs (public-main.tsx, loadSomeCatalogs).
const catalogsOf = (...modules: string[]) => viCatalogs.filter((k) => modules.some((m) => k.includes(`features/${m}/i18n/`)));
// Each public page: [row, its page chunks, the module whose catalogs it waits for (public-main.tsx, loadSomeCatalogs)].
const publicPages: [string, string[], string[]][] = [
  ['public report page (/gop-y)', ['features/supervision/public/ReportPage.tsx'], ['supervision']],
  ['public follow page (/gop-y/theo-doi)', ['features/supervision/public/FollowPage.tsx'], ['supervision']],
  ['public consultation (/tham-van/:id)', ['features/consultations/public/ConsultationPage.tsx'], ['consultations']],
  ['public contest results (/results/contest/:year)', ['features/contest/public/ResultsPage.tsx'], ['contest']],
  ['public certificate of merit check (/xac-minh/giay-khen/:id)', ['features/contest/public/MeritCheckPage.tsx'], ['contest']],
  ['public training certificate check (/xac-minh)', ['features/training/public/VerifyPage.tsx'], ['training']],
];
const missingPublic: string[] = [];
for (const [what, files, modules] of publicPages) {
  const keys = files.map(pageKey);
  if (keys.every(Boolean)) measure(what, [publicEntryKey, ...(keys as string[]), ...catalogsOf(...modules)]);
  else missingPublic.push(`${what}: ${files.join(', ')}`);
}
// A public page that is not measured is not checked: that fails too.
for (const m of missingPublic) console.log(`NO CHUNK for ${m}`);
// What no public page may load: a component library or the signed-in app's router, query client or shell.
const publicClosure = closure([publicEntryKey, ...publicPages.flatMap(([, files]) => files.map(pageKey).filter((k): k is string => !!k))]);
// Shared chunks have hashed names, so the libraries are told by what their code says; the app's entry must match
// each (else the signature is stale and the check would pass on nothing).
const signatures: [string, (text: string) => boolean][] = [
  ['Mantine', (x) => x.includes('--mantine-')],
  ['react-router', (x) => x.includes('may be used only in the context of a <Router>')],
  ['TanStack Query', (x) => x.includes('No QueryClient set')],
];
const textOf = (files: Set<string>) => [...files].map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
const appText = textOf(closure([entryKey]).js);
const staleSignatures = signatures.filter(([, has]) => !has(appText)).map(([name]) => name);
if (staleSignatures.length > 0) console.log(`NOT checked: the app's entry no longer shows ${staleSignatures.join(', ')} by its signature (bench/bundle.ts)`);
const publicText = textOf(publicClosure.js);
const forbidden = [
  ...signatures.filter(([, has]) => has(publicText)).map(([name]) => name),
  ...Object.entries(manifest)
    .filter(([, c]) => publicClosure.js.has(c.file) && /(SignedInApp|modules)\.tsx?$|\/App\.tsx$/.test(c.src ?? ''))
    .map(([k]) => k),
];
// The portal's articles (/tin/...) are server-rendered HTML with no script at all: 0 KB of JavaScript, not listed.
for (const [what, files] of [
  ['sign-in page (/login)', ['features/auth/LoginPage.tsx']],
  ['signed-in home (/)', ['SignedInApp.tsx', 'features/home/HomePage.tsx']],
  ['dashboard (/dashboard)', ['SignedInApp.tsx', 'features/dashboard/DashboardPage.tsx']],
  ['review (/review)', ['SignedInApp.tsx', 'features/review/ReviewPage.tsx']],
] as const) {
  const keys = files.map(pageKey);
  // A signed-in or public page also waits for the modules' Vietnamese catalogs (fetched on use since issue 14's
  // split; the sign-in page does not): counted with it.
  const catalogs = what.startsWith('sign-in') ? [] : viCatalogs;
  if (keys.every(Boolean) && (shell || !files.includes('SignedInApp.tsx' as never))) measure(what, [entryKey, ...(keys as string[]), ...catalogs]);
}
// React's development runtime in a production build (a build under NODE_ENV=test/development) is a defect.
const devRuntime = Object.values(manifest).some((c) => c.file.includes('jsx-dev-runtime'));
const biggest = [...closure([entryKey]).js].map((f) => ({ f, n: gz(f) })).sort((a, b) => b.n - a.n).slice(0, 5);

console.log('| what | gzipped JS | gzipped CSS | files |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${kb(r.js)} | ${kb(r.css)} | ${r.files} |`);
console.log(`\nlargest chunks of the first load: ${biggest.map((b) => `${b.f} ${kb(b.n)}`).join(', ')}`);
if (devRuntime) console.log('WARNING: the build carries React\'s development runtime (jsx-dev-runtime): build with NODE_ENV=production');
console.log(`goal: first load ≤ 200 KB of gzipped JavaScript — ${rows[0]!.js <= 200 * 1024 ? 'met' : 'NOT met'}`);
const heavyPublic = rows.filter((r) => r.what.startsWith('public') && r.js > 190 * 1024);
console.log(
  `goal: every public page lighter than the app's budget (≤ 190 KB) — ${heavyPublic.length === 0 ? 'met' : `NOT met: ${heavyPublic.map((r) => r.what).join(', ')}`}`,
);
// The issue's reading: each public page lighter than the app's first load itself (public.html is an entry of its own).
const overEntry = rows.filter((r) => r.what.startsWith('public') && r.js >= rows[0]!.js);
console.log(
  `goal: every public page lighter than the app's first load (< ${kb(rows[0]!.js)}) — ${overEntry.length === 0 ? 'met' : `NOT met: ${overEntry.map((r) => r.what).join(', ')}`}`,
);
const publicRows = rows.filter((r) => r.what.startsWith('public'));
console.log(`public pages: ${kb(Math.min(...publicRows.map((r) => r.js)))}–${kb(Math.max(...publicRows.map((r) => r.js)))} of JavaScript (aim: < 100 KB)`);
if (forbidden.length > 0) console.log(`NOT met: the public pages load ${forbidden.join(', ')}`);
process.exitCode = heavyPublic.length === 0 && overEntry.length === 0 && missingPublic.length === 0 && forbidden.length === 0 && staleSignatures.length === 0 && rows[0]!.js <= 200 * 1024 ? 0 : 1;
