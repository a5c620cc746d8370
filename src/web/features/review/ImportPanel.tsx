// Results of the years before chibo from Excel (province admin): the template, the upload, and every bad row
// (row, column, reason) when the file is refused — nothing is applied until every row is right.
import { Alert, Anchor, Button, FileInput, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, postForm, type Schemas } from '../../api/client';
import { ReviewError } from './ReviewError';

type Result = Schemas['ReviewImportResult'];
type Problem = Result['errors'][number];

export function ImportPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const send = async () => {
    if (!file) return;
    const form = new FormData();
    form.append('unitId', unitId);
    form.append('file', file);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await postForm('/api/review/import', form);
      setResult(r);
      if (r.applied) await queryClient.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('review') });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const reason = (p: Problem) => t(`review.import.problems.${p.code}`, { ...p.params, defaultValue: t(`review.issues.${p.code}`, { defaultValue: p.message }) });
  return (
    <Paper withBorder p="sm" data-testid="review-import">
      <Text fw={600}>{t('review.import.title')}</Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('review.import.hint')}
      </Text>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <FileInput accept=".xlsx" label={t('review.import.file')} value={file} onChange={setFile} w={280} data-testid="review-import-file" />
        <Button onClick={send} loading={busy} disabled={!file} data-testid="review-import-submit">
          {t('review.import.submit')}
        </Button>
        <Anchor href={apiUrl('/api/review/import/template.xlsx')} size="sm">
          {t('review.import.template')}
        </Anchor>
      </Group>
      <ReviewError error={error} />
      {result?.applied && (
        <Alert color="green" mt="xs" data-testid="review-import-done">
          {t('review.import.done', { count: result.imported })}
        </Alert>
      )}
      {result && !result.applied && (
        <Stack gap={4} mt="xs">
          <Text c="red" size="sm">
            {t('review.import.refused', { count: result.errors.length })}
          </Text>
          <ScrollArea>
            <Table striped miw={480} data-testid="review-import-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('review.import.row')}</Table.Th>
                  <Table.Th>{t('review.import.column')}</Table.Th>
                  <Table.Th>{t('review.import.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((p, i) => (
                  <Table.Tr key={`${p.row}:${p.column}:${i}`}>
                    <Table.Td>{p.row}</Table.Td>
                    <Table.Td>{p.column}</Table.Td>
                    <Table.Td>{reason(p)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Stack>
      )}
    </Paper>
  );
}
