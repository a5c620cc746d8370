// Whether the built web app is missing or older than its sources (a fresh clone, a pull): `chibo start` builds
// it then, and the start benchmark checks it was not part of a timing.
import fs from 'node:fs';
import path from 'node:path';

export function webBuildStale(repoRoot: string): boolean {
  const out = path.join(repoRoot, 'dist/web/index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(repoRoot, 'src/web')), newest(path.join(repoRoot, 'src/domain')));
  return !fs.existsSync(out) || fs.statSync(out).mtimeMs < sources;
}
