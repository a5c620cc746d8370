// Names for the API's shapes the pages use, all taken from the generated contract (schema.gen.ts): none is
// written by hand, so a change on the server shows up here as a type error.
import type { Answer, Schemas } from './client';

export type Session = Schemas['Session'];
export type Me = Schemas['Me'];
export type Locale = Me['locale'];
export type Unit = Schemas['Unit'];
export type UnitNode = Schemas['UnitNode'];
export type SearchedUnit = Answer<'/api/units/search', 'get'>['items'][number];
export type Figures = Schemas['Figures'];
export type Person = Schemas['Person'];
export type AuditEvent = Schemas['AuditEvent'];
export type UnitDetail = Answer<'/api/units/{id}', 'get'>;
export type UnitHistory = Answer<'/api/units/{id}/history', 'get'>;
export type PersonDetail = Answer<'/api/people/{id}', 'get'>;
export type ImportJob = Schemas['ImportJob'];
export type Dashboard = Schemas['Dashboard'];
