import { Alert, Anchor, Badge, Button, Group, Input, Paper, Progress, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, postForm } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UploadProgress, useUploadState } from '../../components/UploadProgress';
import { UnitPicker } from '../../components/UnitPicker';
import { useSession } from '../../lib/session';
import { problemText } from './problems';

const RUNNING = new Set(['validating', 'applying']);
const statusColor: Record<string, string> = { validating: 'blue', applying: 'blue', done: 'green', invalid: 'orange', failed: 'red' };

function JobView({ jobId }: { jobId: string }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => call(api.GET('/api/imports/{id}', { params: { path: { id: jobId } } })),
    refetchInterval: (q) => (q.state.data && !RUNNING.has(q.state.data.job.status) ? false : 500),
  });
  if (query.error) return <ErrorAlert error={query.error} />;
  const job = query.data?.job;
  if (!job) return null;
  const pct = job.total > 0 ? Math.min(100, (job.processed / job.total) * 100) : 0;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group gap="xs" justify="space-between">
          <Text fw={600} truncate>
            {job.fileName}
          </Text>
          <Badge color={statusColor[job.status] ?? 'gray'} data-testid="import-status" data-status={job.status}>
            {t(`import.status.${job.status}`)}
          </Badge>
        </Group>
        <Progress value={job.status === 'done' ? 100 : pct} animated={RUNNING.has(job.status)} aria-label={t('import.progress')} data-testid="import-progress" />
        <Text size="sm" c="dimmed">
          {t('import.processed', { processed: job.processed, total: job.total })}
        </Text>
        {job.status === 'done' && (
          <Alert color="green" title={t('import.doneTitle')}>
            <Text size="sm">
              {t('import.created')}: <b data-testid="import-created">{job.created}</b>
            </Text>
            <Text size="sm">
              {t('import.updated')}: <b data-testid="import-updated">{job.updated}</b>
            </Text>
          </Alert>
        )}
        {job.status === 'failed' && (
          <Alert color="red" data-testid="import-failed">
            {job.errors[0] && job.errors[0].code !== 'internal' ? problemText(t, job.errors[0]) : t('import.failed')}
          </Alert>
        )}
        {job.status === 'invalid' && (
          <Stack gap="xs" data-testid="import-errors">
            <Alert color="orange" title={t('import.invalidTitle')}>
              <Text size="sm">{t('import.invalidHint', { count: job.errorCount })}</Text>
              <Anchor href={`/api/imports/${job.id}/errors.xlsx?lang=${i18n.language === 'en' ? 'en' : 'vi'}`} download data-testid="import-errors-link">
                {t('import.downloadErrors')}
              </Anchor>
            </Alert>
            {/* A list, not a table: the sentences are long and a phone has no room for columns. */}
            <ScrollArea.Autosize mah={420} type="auto">
              <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {job.errors.map((e) => (
                  <li key={`${e.row}:${e.column}:${e.code}`} data-testid="import-error-row" data-code={e.code}>
                    <Text size="xs" fw={600} c="dimmed">
                      {e.row ? t('import.place', { row: e.row, column: e.column }) : e.column || t('import.wholeFile')}
                    </Text>
                    <Text size="sm">{problemText(t, e)}</Text>
                  </li>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Roster import: pick a unit, upload an .xlsx (with upload progress), then follow the job. */
export function ImportPage() {
  const { t } = useTranslation();
  const { me, homeUnitId } = useSession();
  const home = me.roles[0] ? { id: me.roles[0].unitId, name: me.roles[0].unitName } : null;
  const [unitId, setUnitId] = useState<string | null>(homeUnitId);
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadState();
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const start = async () => {
    if (!unitId || !file) return;
    setError(null);
    setJobId(null);
    upload.begin();
    const form = new FormData();
    form.append('unitId', unitId); // the server reads the unit before the file
    form.append('file', file);
    try {
      const res = await postForm('/api/imports/people', form, { onProgress: upload.onProgress });
      upload.done(file.name);
      setJobId(res.job.id);
    } catch (err) {
      setError(err);
      upload.clear();
    }
  };

  const uploading = upload.state?.phase === 'sending' || upload.state?.phase === 'processing';
  return (
    <Stack maw={860}>
      <Title order={2}>{t('import.title')}</Title>
      <Text size="sm">{t('import.intro')}</Text>
      <Anchor href="/api/imports/template.xlsx" download data-testid="import-template">
        {t('import.template')}
      </Anchor>
      <UnitPicker label={t('import.unit')} value={unitId} onChange={setUnitId} initial={home} required data-testid="import-unit" />
      <Input.Wrapper label={t('import.file')} required>
        <Group gap="xs" mt={4} wrap="nowrap">
          <Button variant="default" size="xs" onClick={() => fileRef.current?.click()} style={{ flexShrink: 0 }}>
            {t('import.chooseFile')}
          </Button>
          <Text size="sm" c={file ? undefined : 'dimmed'} truncate data-testid="import-file-name">
            {file ? file.name : t('import.noFile')}
          </Text>
        </Group>
        {/* The real input stays in the DOM (hidden) so the browser, and tests, can set the file. */}
        <input
          ref={fileRef}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          data-testid="import-file"
          style={{ display: 'none' }}
        />
      </Input.Wrapper>
      <Group>
        <Button onClick={start} disabled={!unitId || !file} loading={uploading} data-testid="import-submit">
          {t('import.upload')}
        </Button>
      </Group>
      {/* The file travelling, then the server reading it, then "done" in words; the job's own progress follows (JobView). */}
      <UploadProgress state={upload.state} testId="import-upload-progress" />
      {error ? <ErrorAlert error={error} /> : null}
      {jobId && <JobView jobId={jobId} />}
    </Stack>
  );
}
