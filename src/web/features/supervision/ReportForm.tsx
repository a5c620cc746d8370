import { Alert, Button, CopyButton, FileInput, Group, InputBase, type InputBaseProps, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ChangeEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportCategories, reportSubjects, SUPERVISION_RULES } from '../../../domain/supervision-values';
import { api, call, postForm } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LimitedTextarea } from '../../components/LimitedTextarea';
import { PlainCheckbox } from '../../components/PlainCheckbox';
import { useForm } from '../../lib/form';
import { handOverCode, publicReportBody, translateIssues, type Place } from './api';
import { downloadReceipt, receiptFileText, useAskBeforeLeaving } from './receipt';

const usePlaces = (parentId: string | null | undefined) =>
  useQuery({
    queryKey: ['public-places', parentId ?? 'root'],
    queryFn: ({ signal }) => call(api.GET('/api/public/places', { params: { query: { parentId: parentId ?? undefined } }, signal })),
    enabled: parentId !== null,
    staleTime: 5 * 60_000,
  });

/**
 * The report form of a signed-in member (the supervision page; the public one is public/ReportPage.tsx, plain HTML): named by default under the account's name,
 * or anonymous — then it is sent like a public report, without cookies, so the server never sees the account.
 */
export function ReportForm({ member, about }: { member?: { name: string }; about?: string }) {
  const { t } = useTranslation();
  const form = useForm(
    { provinceId: null as string | null, communeId: null as string | null, cellId: null as string | null, category: 'suggestion', subject: 'village', content: about ? `${about}\n\n` : '', reporterName: '', reporterContact: '' },
    ['files'],
  );
  const [anonymous, setAnonymous] = useState(!member);
  const [files, setFiles] = useState<File[]>([]);
  const [receipt, setReceipt] = useState<string | null>(null);
  const provinces = usePlaces(undefined);
  const communes = usePlaces(form.values.provinceId);
  const cells = usePlaces(form.values.communeId);
  // One province is the usual case: choose it for the person.
  const onlyProvince = provinces.data?.items.length === 1 ? provinces.data.items[0].id : null;
  useEffect(() => {
    if (onlyProvince) form.setField('provinceId', onlyProvince);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [onlyProvince]);

  const send = useMutation({
    mutationFn: () => {
      const v = form.values;
      if (member && !anonymous) {
        const named = new FormData();
        named.append('report', JSON.stringify({ cellId: v.cellId ?? '', category: v.category, subject: v.subject, content: v.content, reporterContact: v.reporterContact.trim() || null }));
        for (const f of files) named.append('files', f, 'file');
        return postForm('/api/supervision/reports', named);
      }
      return postForm('/api/public/reports', publicReportBody(v, anonymous, files), { anonymous: true });
    },
    onSuccess: (r) => setReceipt(r.receiptCode),
    onError: (err) => form.showError(translateIssues(err, t)),
  });

  const options = (q: { data?: { items: Place[] } }) => (q.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  // A cell is named with its commune (defect 2): the chosen line alone says which village of which commune.
  const communeName = communes.data?.items.find((c) => c.id === form.values.communeId)?.name;
  const cellOptions = options(cells).map((o) => (communeName ? { ...o, label: `${o.label} — ${communeName}` } : o));

  if (receipt) return <Receipt code={receipt} onAnother={() => { setReceipt(null); form.reset(); setFiles([]); }} />;

  return (
    <>
      <Text size="sm">{member ? t('supervision.member.intro') : t('supervision.public.intro')}</Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          form.clearErrors();
          send.mutate();
        }}
      >
        <Paper withBorder p="md">
          <Stack>
            {(provinces.data?.items.length ?? 0) > 1 && (
              <Choice
                label={t('supervision.public.province')}
                placeholder={t('supervision.public.chooseProvince')}
                data={options(provinces)}
                {...form.choice('provinceId')}
                onChange={(v) => form.setValues({ ...form.values, provinceId: v, communeId: null, cellId: null })}
                data-testid="report-province"
              />
            )}
            <Choice
              label={t('supervision.public.commune')}
              placeholder={t('supervision.public.chooseCommune')}
              data={options(communes)}
              {...form.choice('communeId')}
              onChange={(v) => form.setValues({ ...form.values, communeId: v, cellId: null })}
              data-testid="report-commune"
            />
            <Choice
              label={t('supervision.public.cell')}
              placeholder={form.values.communeId ? t('supervision.public.chooseCell') : t('supervision.public.chooseCommuneFirst')}
              data={cellOptions}
              disabled={!form.values.communeId}
              {...form.choice('cellId')}
              data-testid="report-cell"
            />
            <Choice
              label={t('supervision.public.category')}
              data={reportCategories.map((c) => ({ value: c, label: t(`supervision.category.${c}`) }))}
              {...form.choice('category')}
              data-testid="report-category"
            />
            <Choice
              label={t('supervision.public.subject')}
              data={reportSubjects.map((c) => ({ value: c, label: t(`supervision.subject.${c}`) }))}
              {...form.choice('subject')}
              data-testid="report-subject"
            />
            <LimitedTextarea
              label={t('supervision.public.content')}
              description={t('supervision.public.contentHint')}
              autosize
              minRows={5}
              max={SUPERVISION_RULES.text.max}
              {...form.text('content')}
              data-testid="report-content"
            />
            <PlainCheckbox label={t('supervision.public.anonymous')} checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} data-testid="report-anonymous" />
            {member && anonymous && (
              <Text size="xs" c="dimmed" data-testid="report-anonymous-note">
                {t('supervision.member.anonymousNote')}
              </Text>
            )}
            {!anonymous && (
              <>
                {member ? (
                  <Text size="sm" data-testid="report-named-as">
                    {t('supervision.member.namedAs', { name: member.name })}
                  </Text>
                ) : (
                  <TextInput label={t('supervision.public.name')} autoComplete="name" {...form.text('reporterName')} />
                )}
                <TextInput label={member ? t('supervision.member.contactOptional') : t('supervision.public.contact')} {...form.text('reporterContact')} />
                <Text size="xs" c="dimmed">
                  {t('supervision.public.identityNote')}
                </Text>
              </>
            )}
            <FileInput
              label={t('supervision.public.files')}
              description={t('supervision.public.filesNote')}
              multiple
              clearable
              accept="image/jpeg,image/png,application/pdf"
              value={files}
              onChange={(f) => setFiles(f.slice(0, 3))}
              error={form.errors.files}
            />
            {form.formError && <ErrorAlert error={form.formError} />}
            <Button type="submit" loading={send.isPending} data-testid="report-submit">
              {t('supervision.public.submit')}
            </Button>
          </Stack>
        </Paper>
      </form>
    </>
  );
}

/**
 * A native select with the form's choice props (value null = nothing chosen, shown as the placeholder line). The
 * public form uses the browser's own list, not Mantine's searchable Select: on a phone it is the better control, and
 * the combobox (popover, floating-ui, scroll area, focus trap ≈ 35 KB gzipped) stays out of the public pages. Built on
 * InputBase (label, description, error on the field) rather than NativeSelect, which brings the combobox's chevron.
 */
function Choice({
  data,
  placeholder,
  value,
  onChange,
  ...rest
}: Omit<InputBaseProps, 'value' | 'onChange' | 'placeholder'> & {
  data: { value: string; label: string }[];
  placeholder?: string;
  value: string | null;
  onChange: (value: string | null) => void;
  name?: string;
  'data-testid'?: string;
}) {
  const lines = placeholder === undefined ? data : [{ value: '', label: placeholder }, ...data];
  return (
    <InputBase
      component="select"
      pointer
      rightSection={<Chevron />}
      rightSectionPointerEvents="none"
      {...rest}
      value={value ?? ''}
      onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange(e.currentTarget.value || null)}
    >
      {lines.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </InputBase>
  );
}

const Chevron = () => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
    <path d="M3 5.25 7 9.25l4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

/**
 * The receipt code, shown once: it stays on screen, with ways to keep it (copy, a small text file, print), until the
 * reporter says they saved it; leaving the page before that asks first. The follow page gets the code in the
 * router's state (never in the address, so it is not in the history or any log).
 */
function Receipt({ code, onAnother }: { code: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  // Going to the follow page (another entry: a page load) takes the code along, so it does not ask first.
  const handedOver = useRef(false);
  const handedOverNow = useCallback(() => handedOver.current, []);
  useAskBeforeLeaving(saved, handedOverNow);
  const fileText = receiptFileText(t, code);
  const download = () => downloadReceipt(fileText);
  return (
    <>
      <Text fw={700} size="lg">
        {t('supervision.public.sent')}
      </Text>
      <Paper withBorder p="md" className="receipt-print">
        <Stack>
          <Text fw={600}>{t('supervision.public.receiptLabel')}</Text>
          <Text ff="monospace" fz={22} fw={700} style={{ wordBreak: 'break-all' }} data-testid="receipt-code">
            {code}
          </Text>
          <Alert color="orange">{t('supervision.public.receiptWarning')}</Alert>
          <Group wrap="wrap" className="no-print">
            <CopyButton value={code}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy} data-testid="receipt-copy">
                  {copied ? t('supervision.public.copied') : t('supervision.public.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="light" onClick={download} data-testid="receipt-download">
              {t('supervision.public.downloadCode')}
            </Button>
            <Button variant="light" onClick={() => window.print()} data-testid="receipt-print">
              {t('supervision.public.printCode')}
            </Button>
          </Group>
          <PlainCheckbox className="no-print" label={t('supervision.public.savedCode')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} data-testid="receipt-saved" />
          <Group wrap="wrap" className="no-print">
            <Button component="a" href="/gop-y/theo-doi" onClick={() => {
                handedOver.current = true;
                handOverCode(code);
              }} data-testid="receipt-follow">
              {t('supervision.public.toFollow')}
            </Button>
            <Button variant="default" disabled={!saved} onClick={onAnother} data-testid="receipt-another">
              {t('supervision.public.another')}
            </Button>
          </Group>
          {!saved && (
            <Text size="xs" c="dimmed" className="no-print">
              {t('supervision.public.confirmFirst')}
            </Text>
          )}
        </Stack>
      </Paper>
    </>
  );
}
