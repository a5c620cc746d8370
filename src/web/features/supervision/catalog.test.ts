// Every coded value and field issue code the supervision API sends has a Vietnamese and an English text.
import { describe, expect, it } from 'vitest';
import { caseStatuses, conclusions, measures, reportCategories, reportSubjects } from '../../../domain/supervision.js';
import { supervisionIssueMessages } from '../../../domain/supervision-issues.js';
import en from './i18n/en.json' with { type: 'json' };
import vi from './i18n/vi.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };
const get = (tree: Tree, key: string) => key.split('.').reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), tree);

describe('supervision catalogs', () => {
  const wanted = [
    ...reportCategories.map((c) => `supervision.category.${c}`),
    ...reportSubjects.map((c) => `supervision.subject.${c}`),
    ...caseStatuses.map((c) => `supervision.status.${c}`),
    ...conclusions.map((c) => `supervision.conclusion.${c}`),
    ...measures.map((c) => `supervision.measure.${c}`),
    ...Object.keys(supervisionIssueMessages).map((c) => `supervision.issues.${c}`),
    ...['accept', 'decline', 'verify', 'conclude', 'close', 'extend', 'ask', 'reply'].map((a) => `supervision.officer.action.${a}`),
  ];
  it.each([['vi', vi], ['en', en]] as const)('%s translates every code', (_lang, catalog) => {
    expect(wanted.filter((k) => typeof get(catalog as Tree, k) !== 'string')).toEqual([]);
  });
});
