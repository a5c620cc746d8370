import { useQuery } from '@tanstack/react-query';
import { api, call, type Answer } from '../../api/client';

export type PortalArticle = Answer<'/api/portal/articles/{id}', 'get'>;
export type PortalTerm = Answer<'/api/portal/reference', 'get'>['terms'][number];

export const useReference = () => useQuery({ queryKey: ['portal-reference'], queryFn: ({ signal }) => call(api.GET('/api/portal/reference', { signal })), staleTime: 60_000 });

/** A term's name in the UI language, else the original's. */
export const termName = (t: PortalTerm, lang: string) => t.names[lang] ?? t.names.vi ?? t.slug;

export const PORTAL_LANGS = ['vi', 'en', 'fa'] as const;
export const dirOf = (lang: string) => (lang === 'fa' ? 'rtl' : 'ltr');
