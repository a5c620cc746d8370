// Following a report with the receipt code alone (the public entry, plain HTML); the code stays in this page, never
// in the address. A wrong code is answered with a plain sentence, no technical reference.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateVi } from '../../../../domain/dates';
import { api, ApiError, call } from '../../../api/client';
import { useForm } from '../../../lib/form';
import { useSend } from '../../../plain/load';
import { useAddress } from '../../../plain/router';
import { Alert, Badge, Button, ErrorBox, PlainLayout, TextAreaField, TextField } from '../../../plain/ui';
import { type Message, type PublicCase, takeHandedCode, translateIssues } from '../api';

function Conversation({ messages }: { messages: Message[] }) {
  const { t } = useTranslation();
  if (messages.length === 0) return <p className="pl-sm pl-dimmed">{t('supervision.public.noMessages')}</p>;
  return (
    <div className="pl-stack-sm" data-testid="conversation">
      {messages.map((m) => (
        <div key={m.seq} className={m.author === 'officer' ? 'pl-card pl-tight pl-officer' : 'pl-card pl-tight'}>
          <div className="pl-row" style={{ justifyContent: 'space-between' }}>
            <p className="pl-xs pl-strong">
              {t(`supervision.author.${m.author}`)} · {t(`supervision.kind.${m.kind}`)}
            </p>
            <p className="pl-xs pl-dimmed">{formatDateVi(m.on)}</p>
          </div>
          <p className="pl-sm pl-pre">{m.body}</p>
        </div>
      ))}
    </div>
  );
}

/** A wrong code is said plainly (no technical reference); too many tries likewise; anything else as usual. */
function FollowError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 400)
    return (
      <Alert tone="orange" role="alert" testId="follow-unknown">
        {t('supervision.public.codeUnknown')}
      </Alert>
    );
  if (status === 429)
    return (
      <Alert tone="orange" role="alert">
        {t('supervision.public.tooManyTries')}
      </Alert>
    );
  return <ErrorBox error={error} />;
}

export function FollowPage() {
  const { t } = useTranslation();
  // The report page hands the code over in the history's state; it never goes into the address.
  // (From a member's receipt in the signed-in app, another entry, it comes once through this tab's storage.)
  const handed = (useAddress().state as { code?: unknown } | null)?.code;
  const [code, setCode] = useState(() => (typeof handed === 'string' ? handed : (takeHandedCode() ?? '')));
  const form = useForm({ body: '' });
  const [found, setFound] = useState<PublicCase | null>(null);
  const follow = () => call(api.POST('/api/public/reports/follow', { body: { code }, credentials: 'omit' }));
  const look = useSend(follow, { onSuccess: setFound, onError: () => setFound(null) });
  const send = useSend(() => call(api.POST('/api/public/reports/answer', { body: { code, body: form.values.body }, credentials: 'omit' })), {
    onSuccess: (c) => {
      setFound(c);
      form.reset();
    },
    onError: (err) => form.showError(translateIssues(err, t)),
  });

  return (
    <PlainLayout title={t('supervision.public.followTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          look.mutate();
        }}
      >
        <div className="pl-row">
          <div className="pl-grow">
            <TextField label={t('supervision.public.code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} autoComplete="off" className="pl-mono" testId="follow-code" />
          </div>
          <Button type="submit" loading={look.isPending} data-testid="follow-submit">
            {t('supervision.public.look')}
          </Button>
        </div>
      </form>
      {look.error !== null && <FollowError error={look.error} />}
      {found && (
        <div className="pl-card pl-stack-sm" data-testid="follow-case">
          <div className="pl-badges">
            <Badge tone="blue" testId="follow-status">
              {t(`supervision.status.${found.status}`)}
            </Badge>
            <Badge tone="gray">{t(`supervision.category.${found.category}`)}</Badge>
          </div>
          <p className="pl-sm">
            {t('supervision.public.place')}: {found.cellName}, {found.communeName}
          </p>
          <p className="pl-sm">
            {t('supervision.public.receivedOn')}: {formatDateVi(found.receivedOn)}
            {found.dueOn ? ` · ${t('supervision.public.dueOn')}: ${formatDateVi(found.dueOn)}` : ''}
          </p>
          {found.conclusion && (
            <p className="pl-sm pl-strong">
              {t('supervision.public.conclusion')}: {t(`supervision.conclusion.${found.conclusion}`)}
              {found.measure ? ` · ${t(`supervision.measure.${found.measure}`)}` : ''}
            </p>
          )}
          <p className="pl-sm pl-strong">{t('supervision.public.yourText')}</p>
          <p className="pl-sm pl-pre">{found.content}</p>
          {found.attachmentCount > 0 && <p className="pl-xs">{t('supervision.public.attachments', { count: found.attachmentCount })}</p>}
          <p className="pl-sm pl-strong">{t('supervision.public.conversation')}</p>
          <Conversation messages={found.messages} />
          {found.canAnswer && (
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                form.clearErrors();
                send.mutate();
              }}
            >
              <div className="pl-stack-sm">
                <TextAreaField label={t('supervision.public.answer')} rows={3} maxLength={5000} {...form.text('body')} testId="follow-answer" />
                {form.formError && <ErrorBox error={form.formError} />}
                <Button type="submit" loading={send.isPending} data-testid="follow-answer-submit">
                  {t('supervision.public.sendAnswer')}
                </Button>
              </div>
            </form>
          )}
        </div>
      )}
    </PlainLayout>
  );
}
