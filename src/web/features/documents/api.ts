// The documents module's API shapes, as the server declares them (generated types), and its query keys.
import type { Answer } from '../../api/client';

export type DocumentList = Answer<'/api/documents', 'get'>;
export type ListedDocument = DocumentList['items'][number];
export type DocumentDetail = Answer<'/api/documents/{id}', 'get'>;
export type DocumentLink = DocumentDetail['links'][number];
export type Reference = Answer<'/api/documents/reference', 'get'>;
export type DisseminationSummary = Answer<'/api/documents/{id}/disseminations', 'get'>[number];
export type DisseminationStatus = Answer<'/api/disseminations/{id}', 'get'>;
export type StudyItem = Answer<'/api/documents/to-study', 'get'>[number];
export type StudyState = StudyItem['state'];

/** A state's colour: a pale badge of it with its darkest text (readable: WCAG AA contrast on the pale ground). */
export const stateColor: Record<StudyState, string> = { studied: 'green', studied_late: 'yellow', pending: 'blue', overdue: 'red' };
export const stateBadge = (state: StudyState) => ({ color: stateColor[state], variant: 'light' as const, c: `${stateColor[state]}.9` });
