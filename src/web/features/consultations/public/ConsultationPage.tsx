// The public page of a consultation (the public entry, plain HTML, no account): the question and its options;
// answering with the one-time ballot code from the slip handed out at the village meeting; the result once closed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../../domain/dates';
import { api, apiUrl, ApiError, call } from '../../../api/client';
import { useNumberFormat } from '../../../lib/format';
import { useLoad, useSend } from '../../../plain/load';
import { useParams } from '../../../plain/router';
import { Alert, Badge, Button, ErrorBox, LoadState, PlainLayout, TextField, type Tone } from '../../../plain/ui';
import { issueWith, levelColor, type Result } from '../api';

/** The result without the origins of each answer (the officers' page shows them): level, turnout, each option's share. */
function PublicResult({ result }: { result: Result }) {
  const { t } = useTranslation();
  const n = useNumberFormat();
  return (
    <div className="pl-stack-sm" data-testid="consultation-result">
      <div className="pl-badges">
        <Badge tone={levelColor[result.level] as Tone} testId="consensus-level">
          {t(`consultations.level.${result.level}`)}
        </Badge>
        <p className="pl-sm" data-testid="participation">
          {t('consultations.participation')}: {n.pct(result.participation)} · {t('consultations.participants', { n: n.int(result.participants), eligible: n.int(result.eligible) })}
        </p>
      </div>
      {result.options.map((o) => (
        <div key={o.optionId} data-testid="result-option">
          <div className="pl-row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
            <p className={result.leading === o.optionId ? 'pl-sm pl-strong pl-anywhere' : 'pl-sm pl-anywhere'}>{o.label}</p>
            <p className="pl-sm" style={{ whiteSpace: 'nowrap' }}>
              {n.int(o.total)} · {n.pct(o.share)}
            </p>
          </div>
          <div className={result.leading === o.optionId ? 'pl-bar pl-lead' : 'pl-bar'} role="progressbar" aria-label={o.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={o.share ?? 0}>
            <span style={{ width: `${Math.max(0, Math.min(100, o.share ?? 0))}%` }} />
          </div>
        </div>
      ))}
      <p className="pl-xs pl-dimmed">
        {t('consultations.levelHint', { consensus: n.pct(result.thresholds.consensus), majority: n.pct(result.thresholds.majority) })}
        {result.thresholds.minTurnout > 0 && ` · ${t('consultations.turnoutHint', { turnout: n.pct(result.thresholds.minTurnout) })}`}
      </p>
    </div>
  );
}

/** A refused answer says what to do about it (the code, the option, the dates); anything else is the general error. */
function AnswerError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const fields = error instanceof ApiError ? error.fields.filter((f) => f.code) : [];
  if (fields.length === 0) return <ErrorBox error={error} />;
  return (
    <Alert tone="red" role="alert" testId="error-alert">
      {fields.map((f, i) => (
        <p key={`${f.path}:${i}`} data-testid={`issue-${f.code}`}>
          {issueWith(t)(f)}
        </p>
      ))}
    </Alert>
  );
}

export function PublicConsultationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const query = useLoad(`consultation:${id}`, (signal) => call(api.GET('/api/public/consultations/{id}', { params: { path: { id } }, signal, credentials: 'omit' })));
  const answer = useSend(() => call(api.POST('/api/public/consultations/{id}/answer', { params: { path: { id } }, body: { code, optionId: choice ?? '' }, credentials: 'omit' })), {
    onSuccess: () => setCode(''),
  });
  return (
    <PlainLayout title={query.data?.title ?? t('consultations.public.title')}>
      <LoadState load={query}>
        {(c) => (
          <div className="pl-stack">
            <p className="pl-sm pl-dimmed">
              {c.unitName}
              {c.unitKind === 'cell' ? ` (${c.communeName})` : ''} · {t('consultations.window', { from: formatDateVi(c.opensOn), to: formatDateVi(c.closesOn) })}
            </p>
            <p className="pl-pre" data-testid="public-question">
              {c.question}
            </p>
            {c.documents.map((d) => (
              <a key={d.id} className="pl-sm" href={apiUrl(`/api/public/consultations/${c.id}/documents/${d.id}` as '/api/public/consultations/{id}/documents/{documentId}')}>
                {d.fileName}
              </a>
            ))}
            {c.state === 'open' &&
              (answer.isSuccess ? (
                <Alert tone="green" role="status" testId="public-thanks">
                  {t('consultations.public.thanks')}
                </Alert>
              ) : (
                <div className="pl-card">
                  <form
                    noValidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      answer.mutate();
                    }}
                  >
                    <div className="pl-stack-sm">
                      <fieldset className="pl-fieldset">
                        <legend className="pl-legend">{t('consultations.public.choose')}</legend>
                        {c.options.map((o, i) => (
                          <label key={o.id} className="pl-radio">
                            <input type="radio" name="option" value={o.id} checked={choice === o.id} onChange={() => setChoice(o.id)} data-testid={`public-option-${i}`} />
                            <span className="pl-anywhere">{o.label}</span>
                          </label>
                        ))}
                      </fieldset>
                      <TextField
                        label={t('consultations.public.code')}
                        description={t('consultations.public.codeHint')}
                        value={code}
                        onChange={(e) => setCode(e.currentTarget.value)}
                        autoComplete="off"
                        autoCapitalize="characters"
                        className="pl-mono"
                        testId="public-code"
                      />
                      {answer.error !== null && <AnswerError error={answer.error} />}
                      <Button type="submit" disabled={!choice || code.trim() === ''} loading={answer.isPending} data-testid="public-submit">
                        {t('consultations.public.submit')}
                      </Button>
                    </div>
                  </form>
                </div>
              ))}
            {c.state === 'upcoming' && <Alert tone="gray">{t('consultations.public.upcoming')}</Alert>}
            {c.state === 'closed' && <Alert tone="gray">{t('consultations.public.closed')}</Alert>}
            {c.result ? (
              <div className="pl-card">
                <h2 className="pl-h2">{t('consultations.result')}</h2>
                <PublicResult result={c.result} />
              </div>
            ) : (
              <p className="pl-sm pl-dimmed">{t('consultations.resultHidden')}</p>
            )}
            {c.decision && (
              <div className="pl-card">
                <h2 className="pl-h2">{t('consultations.decision')}</h2>
                <p className="pl-sm pl-pre">{c.decision}</p>
                {c.followUp && <p className="pl-sm pl-dimmed pl-pre">{c.followUp}</p>}
              </div>
            )}
          </div>
        )}
      </LoadState>
    </PlainLayout>
  );
}
