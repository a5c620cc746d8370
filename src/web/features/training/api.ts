// The training module's API shapes, as the server declares them (generated types), and small shared helpers.
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, call, type Answer, type FieldIssue } from '../../api/client';
import { issueText } from '../../lib/form';

export type CourseList = Answer<'/api/training/courses', 'get'>;
export type Course = CourseList['items'][number];
export type CourseDetail = Answer<'/api/training/courses/{id}', 'get'>;
export type Enrolment = CourseDetail['enrolments'][number];
export type Session = CourseDetail['sessions'][number];
export type Suggestion = Answer<'/api/training/courses/{id}/suggestions', 'get'>['items'][number];
export type Candidate = Answer<'/api/training/untrained', 'get'>['items'][number];
export type Verification = Answer<'/api/public/training/certificates/{code}', 'get'>;

export const useTrainingReference = () =>
  useQuery({ queryKey: ['training-reference'], queryFn: ({ signal }) => call(api.GET('/api/training/reference', { signal })), staleTime: 10 * 60_000 });

/** A field issue in the words of the reader's language (the module's `fieldErrors.<code>`). */
export const trainingIssue = (t: TFunction) => (issue: FieldIssue) => issueText(issue, (code, fallback) => t(`fieldErrors.${code}`, { defaultValue: fallback }));

export const statusColor = { open: 'blue', completed: 'green', cancelled: 'gray' } as const;
export const enrolColor = { enrolled: 'blue', waiting: 'yellow', withdrawn: 'gray' } as const;

/** The name of a coded thing in the reader's language. */
export const nameIn = (lang: string, x: { nameVi: string; nameEn: string } | undefined, code: string) => (x ? (lang === 'en' ? x.nameEn : x.nameVi) : code);
