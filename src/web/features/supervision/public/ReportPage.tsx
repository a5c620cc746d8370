// The public report form (the public entry, plain HTML): place, kind, about whom, text, anonymous or named, files;
// then the receipt code, kept in reach until the reporter says it is saved. A member's form inside the app is
// ReportForm (../ReportPage.tsx); both send the same body (publicReportBody).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportCategories, reportSubjects, SUPERVISION_RULES } from '../../../../domain/supervision-values';
import { api, call, postForm } from '../../../api/client';
import { useForm } from '../../../lib/form';
import { useLoad, useSend } from '../../../plain/load';
import { Link, useAddress } from '../../../plain/router';
import { Alert, Button, Checkbox, ErrorBox, PlainLayout, SelectField, TextAreaField, TextField } from '../../../plain/ui';
import { publicReportBody, translateIssues } from '../api';
import { downloadReceipt, receiptFileText, useAskBeforeLeaving } from '../receipt';

const MAX_FILES = 3;

const usePlaces = (parentId: string | null | undefined) =>
  useLoad(
    `places:${parentId ?? 'root'}`,
    (signal) => call(api.GET('/api/public/places', { params: { query: { parentId: parentId ?? undefined } }, signal, credentials: 'omit' })),
    parentId !== null,
  );

export function ReportPage() {
  const { t } = useTranslation();
  // From an article of the portal ("send your opinion"): `bai` names the article (its title and address).
  const article = useAddress().search.get('bai')?.slice(0, 400);
  const about = article ? t('supervision.public.aboutArticle', { article }) : undefined;
  const initial = { provinceId: null as string | null, communeId: null as string | null, cellId: null as string | null, category: 'suggestion', subject: 'village', content: about ? `${about}\n\n` : '', reporterName: '', reporterContact: '' };
  const form = useForm(initial, ['files']);
  const [anonymous, setAnonymous] = useState(true);
  const [files, setFiles] = useState<File[]>([]);
  const [filesKey, setFilesKey] = useState(0);
  const [receipt, setReceipt] = useState<string | null>(null);
  const provinces = usePlaces(undefined);
  const communes = usePlaces(form.values.provinceId);
  const cells = usePlaces(form.values.communeId);
  // One province is the usual case: choose it for the person.
  const onlyProvince = provinces.data?.items.length === 1 ? provinces.data.items[0]!.id : null;
  useEffect(() => {
    if (onlyProvince) form.setField('provinceId', onlyProvince);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onlyProvince]);

  const send = useSend(() => postForm('/api/public/reports', publicReportBody(form.values, anonymous, files), { anonymous: true }), {
    onSuccess: (r) => setReceipt(r.receiptCode),
    onError: (err) => form.showError(translateIssues(err, t)),
  });

  const options = (q: { data?: { items: { id: string; name: string }[] } }) => (q.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  // A cell is named with its commune (defect 2): the chosen line alone says which village of which commune.
  const communeName = communes.data?.items.find((c) => c.id === form.values.communeId)?.name;
  const cellOptions = options(cells).map((o) => (communeName ? { ...o, label: `${o.label} — ${communeName}` } : o));

  if (receipt)
    return (
      <PlainLayout title={t('supervision.public.title')}>
        <Receipt
          code={receipt}
          onAnother={() => {
            setReceipt(null);
            form.reset(initial);
            setFiles([]);
            setFilesKey((k) => k + 1);
          }}
        />
      </PlainLayout>
    );

  return (
    <PlainLayout title={t('supervision.public.title')}>
      <p className="pl-sm">{t('supervision.public.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          form.clearErrors();
          send.mutate();
        }}
      >
        <div className="pl-card pl-stack">
          {(provinces.data?.items.length ?? 0) > 1 && (
            <SelectField
              label={t('supervision.public.province')}
              placeholder={t('supervision.public.chooseProvince')}
              data={options(provinces)}
              {...form.choice('provinceId')}
              onChange={(v) => form.setValues({ ...form.values, provinceId: v, communeId: null, cellId: null })}
              testId="report-province"
            />
          )}
          <SelectField
            label={t('supervision.public.commune')}
            placeholder={t('supervision.public.chooseCommune')}
            data={options(communes)}
            {...form.choice('communeId')}
            onChange={(v) => form.setValues({ ...form.values, communeId: v, cellId: null })}
            testId="report-commune"
          />
          <SelectField
            label={t('supervision.public.cell')}
            placeholder={form.values.communeId ? t('supervision.public.chooseCell') : t('supervision.public.chooseCommuneFirst')}
            data={cellOptions}
            disabled={!form.values.communeId}
            {...form.choice('cellId')}
            testId="report-cell"
          />
          <SelectField
            label={t('supervision.public.category')}
            data={reportCategories.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))}
            {...form.choice('category')}
            testId="report-category"
          />
          <SelectField
            label={t('supervision.public.subject')}
            data={reportSubjects.map((c) => ({ value: c, label: t(`supervision.subject.${c}`) }))}
            {...form.choice('subject')}
            testId="report-subject"
          />
          <TextAreaField
            label={t('supervision.public.content')}
            description={t('supervision.public.contentHint')}
            rows={6}
            max={SUPERVISION_RULES.text.max}
            {...form.text('content')}
            testId="report-content"
          />
          <Checkbox label={t('supervision.public.anonymous')} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} testId="report-anonymous" />
          {!anonymous && (
            <>
              <TextField label={t('supervision.public.name')} autoComplete="name" {...form.text('reporterName')} />
              <TextField label={t('supervision.public.contact')} {...form.text('reporterContact')} />
              <p className="pl-xs pl-dimmed">{t('supervision.public.identityNote')}</p>
            </>
          )}
          <TextField
            key={filesKey}
            type="file"
            label={t('supervision.public.files')}
            description={t('supervision.public.filesNote')}
            multiple
            accept="image/jpeg,image/png,application/pdf"
            onChange={(e) => setFiles([...(e.currentTarget.files ?? [])].slice(0, MAX_FILES))}
            error={form.errors.files}
            className="pl-file"
          />
          {form.formError && <ErrorBox error={form.formError} />}
          <Button type="submit" loading={send.isPending} data-testid="report-submit">
            {t('supervision.public.submit')}
          </Button>
        </div>
      </form>
    </PlainLayout>
  );
}

/**
 * The receipt code, shown once: it stays on screen, with ways to keep it (copy, a small text file, print), until the
 * reporter says they saved it; leaving the page before that asks first. The follow page gets the code in the
 * history's state (never in the address, so it is not in the history's list or any log).
 */
function Receipt({ code, onAnother }: { code: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  useAskBeforeLeaving(saved);
  const fileText = receiptFileText(t, code);
  const download = () => downloadReceipt(fileText);
  const copy = () =>
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => undefined,
    );
  return (
    <>
      <p className="pl-strong" role="status">
        {t('supervision.public.sent')}
      </p>
      <div className="pl-card pl-stack receipt-print">
        <p className="pl-strong">{t('supervision.public.receiptLabel')}</p>
        <p className="pl-code" data-testid="receipt-code">
          {code}
        </p>
        <Alert tone="orange">{t('supervision.public.receiptWarning')}</Alert>
        <div className="pl-actions no-print">
          <Button tone="light" onClick={copy} data-testid="receipt-copy">
            {copied ? t('supervision.public.copied') : t('supervision.public.copy')}
          </Button>
          <Button tone="light" onClick={download} data-testid="receipt-download">
            {t('supervision.public.downloadCode')}
          </Button>
          <Button tone="light" onClick={() => window.print()} data-testid="receipt-print">
            {t('supervision.public.printCode')}
          </Button>
        </div>
        <Checkbox className="no-print" label={t('supervision.public.savedCode')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} testId="receipt-saved" />
        <div className="pl-actions no-print">
          <Link className="pl-btn" to="/gop-y/theo-doi" state={{ code }} data-testid="receipt-follow">
            {t('supervision.public.toFollow')}
          </Link>
          <Button tone="default" disabled={!saved} onClick={onAnother} data-testid="receipt-another">
            {t('supervision.public.another')}
          </Button>
        </div>
        {!saved && <p className="pl-xs pl-dimmed no-print">{t('supervision.public.confirmFirst')}</p>}
      </div>
    </>
  );
}
