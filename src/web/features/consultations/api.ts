// The consultations module's API shapes, as the server declares them (generated types).
import type { FieldIssue } from '../../api/client';
import type { Answer } from '../../api/client';

export type ConsultationList = Answer<'/api/consultations', 'get'>;
export type Consultation = Answer<'/api/consultations/{id}', 'get'>;
export type PublicConsultation = Answer<'/api/public/consultations/{id}', 'get'>;
export type Result = Consultation['result'];
export type ConsultationState = Consultation['state'];

export const stateColor: Record<ConsultationState, string> = { upcoming: 'gray', open: 'blue', closed: 'green' };
export const levelColor: Record<Result['level'], string> = { consensus: 'green', majority: 'yellow', none: 'red', low_turnout: 'gray' };
export type Thresholds = Answer<'/api/consultations/thresholds', 'get'>['thresholds'];

/** A field issue in the reader's language: the module's code, or the server's message. */
export const issueWith = (t: (k: string, o?: Record<string, unknown>) => string) => (f: FieldIssue) => (f.code ? t(`fieldErrors.${f.code}`, { defaultValue: f.message }) : f.message);
