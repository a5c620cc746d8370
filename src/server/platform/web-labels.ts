// The words of the web's catalogs, for the few files the server writes that name what the web names (a module
// figure's label in the dashboard workbook): read once from src/web's i18n folders, so a label lives in one place.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Catalog = Record<string, unknown>;
const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
const loaded = new Map<string, Catalog[]>();

function catalogs(lang: 'vi' | 'en'): Catalog[] {
  let list = loaded.get(lang);
  if (!list) {
    const features = path.join(webDir, 'features');
    const files = [path.join(webDir, 'i18n', `${lang}.json`), ...fs.readdirSync(features).map((f) => path.join(features, f, 'i18n', `${lang}.json`))];
    list = files.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')) as Catalog);
    loaded.set(lang, list);
  }
  return list;
}

/** The text of an i18n key (`training.figures.courses`) in a language; the key itself when no catalog has it. */
export function webLabel(key: string, lang: 'vi' | 'en'): string {
  for (const catalog of catalogs(lang)) {
    let node: unknown = catalog;
    for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Catalog)[part] : undefined;
    if (typeof node === 'string') return node;
  }
  return key;
}
