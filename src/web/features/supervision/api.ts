// The supervision API as the web app uses it (server: src/server/modules/supervision).
import type { TFunction } from 'i18next';
import { ApiError, getCsrfToken, toApiError } from '../../api/client';

export interface Place {
  id: string;
  name: string;
  kind: string;
}

export interface Message {
  seq: number;
  author: 'reporter' | 'officer';
  kind: 'question' | 'answer' | 'reply';
  on: string;
  body: string;
}

export interface PublicCase {
  category: string;
  subject: string;
  cellName: string;
  communeName: string;
  content: string;
  anonymous: boolean;
  status: string;
  receivedOn: string;
  dueOn: string | null;
  conclusion: string | null;
  measure: string | null;
  concludedOn: string | null;
  attachmentCount: number;
  messages: Message[];
  canAnswer: boolean;
}

export interface ListedCase {
  id: string;
  category: string;
  subject: string;
  route: string;
  status: string;
  receivedOn: string;
  dueOn: string | null;
  overdue: boolean;
  escalatedTo: string | null;
  escalatedOn: string | null;
  matterId: string | null;
  cell: { id: string; name: string };
  handlingUnit: { id: string; name: string };
  excerpt: string;
}

export interface CaseDetail {
  case: ListedCase & {
    content: string;
    anonymous: boolean;
    reporter: { state: 'anonymous' } | { state: 'protected' } | { state: 'shown'; name: string | null; contact: string | null; member: boolean; personId: string | null };
    acknowledgeBy: string;
    concludeBy: string;
    extensionReason: string | null;
    conclusion: string | null;
    measure: string | null;
    concludedOn: string | null;
  };
  history: { seq: number; from: string | null; to: string; on: string; by: string | null; note: string | null; escalatedTo: string | null }[];
  linked: { id: string; category: string; subject: string; status: string; receivedOn: string; cell: { id: string; name: string } }[];
  messages: Message[];
  attachments: { id: string; seq: number; mime: string; size: number }[];
  actions: string[];
}

export interface Warning {
  kind: 'cell' | 'secretary';
  cell: { id: string; name: string };
  person: { id: string; name: string } | null;
  signals: { kind: string; count: number; caseIds: string[] }[];
}

export interface Figures {
  total: number;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  byBranch: { unitId: string; name: string; count: number }[];
  concluded: number;
  concludedOnTimeShare: number | null;
  medianDaysToConclusion: number | null;
  overdue: number;
  byMonth: { month: string; counts: Record<string, number> }[];
}

export interface CasePage {
  items: ListedCase[];
  nextCursor: string | null;
}

export interface RuleSet {
  deadlines: Record<string, { acknowledgeDays: number; concludeDays: number; extensionDays: number }>;
  warnings: { windowDays: number; reportsInWindow: number; sameMatter: number; overdue: number };
}

/** Field issues with this module's codes, translated here (useForm translates only the shared codes). */
export function translateIssues(err: unknown, t: TFunction): unknown {
  if (!(err instanceof ApiError)) return err;
  const fields = err.fields.map((f) => (f.code ? { path: f.path, message: t(`supervision.issues.${f.code}`, { defaultValue: f.message }) } : f));
  return new ApiError(err.status, err.code, err.message, fields, err.requestId);
}

/**
 * A public call sent without cookies: an anonymous report made from a browser that is also signed in carries
 * no session (and needs no CSRF token).
 */
export async function publicPost<T>(path: string, body: FormData | object): Promise<T> {
  const isForm = body instanceof FormData;
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'omit',
      headers: isForm ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: isForm ? body : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, parsed);
  return parsed as T;
}

/** A signed-in write of a form (a named report from inside, with files): the session cookie and the CSRF token. */
export async function memberPost<T>(path: string, body: FormData): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': getCsrfToken() ?? '' }, body });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message);
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, parsed);
  return parsed as T;
}
