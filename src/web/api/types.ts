// Names for the API's shapes the pages use, all taken from the generated contract (schema.gen.ts): none is
// written by hand, so a change on the server shows up here as a type error.
import type { Answer, Schemas } from './client';

export type Session = Schemas['Session'];
export type Me = Schemas['Me'];
export type Locale = Me['locale'];
export type Unit = Schemas['Unit'];
export type UnitNode = Schemas['UnitNode'];
export type Figures = Schemas['Figures'];
export type Person = Schemas['Person'];
export type AuditEvent = Schemas['AuditEvent'];
export type UnitDetail = Answer<'/api/units/{id}', 'get'>;
export type PersonDetail = Answer<'/api/people/{id}', 'get'>;
export type Dashboard = Schemas['Dashboard'];
