// The organizers' question bank: the size of each pool (category × difficulty) the draw takes from, and the import
// of a workbook (all rows or none; every bad row named with its row number), and the questions, each editable.
import { Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, postForm } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryState } from '../../components/QueryState';
import { QuestionList } from './QuestionList';
import { useIssueText } from './shared';

const CATEGORIES = ['resolutions', 'charter', 'party_building', 'situations'] as const;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

export function QuestionBank() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [file, setFile] = useState<File | null>(null);
  const bank = useQuery({ queryKey: ['contest', 'bank'], queryFn: ({ signal }) => call(api.GET('/api/contest-questions', { params: { query: { limit: 1 } }, signal })) });
  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append('file', f);
      return postForm('/api/contest-questions/import', form);
    },
    onSuccess: () => {
      setFile(null);
      void qc.invalidateQueries({ queryKey: ['contest', 'bank'] });
    },
  });
  return (
    <Stack gap="xs">
      <Title order={3}>{t('contest.bank')}</Title>
      <QueryState query={bank}>
        {(data) => {
          const count = (c: string, d: string) => data.pools.find((p) => p.category === c && p.difficulty === d)?.count ?? 0;
          return (
            <Stack gap="xs">
              <Text size="sm">{t('contest.bankTotal', { count: data.total, formatted: data.total.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'vi-VN') })}</Text>
              <Table.ScrollContainer minWidth={320}>
                <Table striped withTableBorder fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th />
                      {DIFFICULTIES.map((d) => (
                        <Table.Th key={d}>{t(`contest.difficulty.${d}`)}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {CATEGORIES.map((c) => (
                      <Table.Tr key={c}>
                        <Table.Td>{t(`contest.category.${c}`)}</Table.Td>
                        {DIFFICULTIES.map((d) => (
                          <Table.Td key={d}>{count(c, d).toLocaleString('vi-VN')}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          );
        }}
      </QueryState>
      <Text size="sm" c="dimmed">
        {t('contest.importHelp')}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <FileInput label={t('contest.chooseFile')} accept=".xlsx" value={file} onChange={setFile} maw={320} clearable data-testid="bank-file" />
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)} data-testid="bank-import">
          {t('contest.import')}
        </Button>
      </Group>
      {upload.data && <Text c="green.9">{t('contest.imported', { count: upload.data.imported })}</Text>}
      {upload.error ? <ErrorAlert error={upload.error} issueText={issueText} /> : null}
      <QuestionList />
    </Stack>
  );
}
