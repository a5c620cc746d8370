// The review API as the web app uses it: names for its answers (from the generated contract) and its calls.
import type { TemplateSetBody } from '../../../domain/review';
import { api, call, formBody, type Schemas } from '../../api/client';

export type Cycle = Schemas['ReviewCycle'];
export type Participant = Schemas['ReviewParticipant'];
export type Board = Schemas['ReviewBoard'];
export type Progress = Schemas['ReviewProgress'];
export type ReviewFigures = Schemas['ReviewFigures'];
/** The criteria templates of a province for a year; `saved` is false while the default set stands in. */
export type TemplateSet = Schemas['ReviewTemplateSet'];

type Step = 'self-assessment' | 'appraisal' | 'decision' | 'complaint' | 'recheck';

export const reviewApi = {
  templates: (unitId: string, year: number) => call(api.GET('/api/review/templates', { params: { query: { unitId, year } } })),
  saveTemplates: (year: number, body: TemplateSetBody & { unitId: string }) =>
    call(api.PUT('/api/review/templates/{year}', { params: { path: { year } }, body })),
  todo: () => call(api.GET('/api/review/todo')),
  cycles: () => call(api.GET('/api/review/cycles')),
  progress: (id: string) => call(api.GET('/api/review/cycles/{id}', { params: { path: { id } } })),
  board: (id: string, unitId: string) => call(api.GET('/api/review/cycles/{id}/units/{unitId}', { params: { path: { id, unitId } } })),
  figures: (unitId: string, year: number) => call(api.GET('/api/review/figures', { params: { query: { unitId, year } } })),
  open: (values: unknown) => call(api.POST('/api/review/cycles', { body: formBody(values) })),
  close: (id: string) => call(api.POST('/api/review/cycles/{id}/close', { params: { path: { id } } })),
  step: (id: string, step: Step, values: unknown) => {
    const init = { params: { path: { id } }, body: formBody(values) };
    if (step === 'self-assessment') return call(api.POST('/api/review/participants/{id}/self-assessment', init));
    if (step === 'appraisal') return call(api.POST('/api/review/participants/{id}/appraisal', init));
    if (step === 'decision') return call(api.POST('/api/review/participants/{id}/decision', init));
    if (step === 'complaint') return call(api.POST('/api/review/participants/{id}/complaint', init));
    return call(api.POST('/api/review/participants/{id}/recheck', init));
  },
};
