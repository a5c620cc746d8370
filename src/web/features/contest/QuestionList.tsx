// The questions of the bank, a category at a time and a page at a time, each with its options (the correct ones
// marked) and an editor: wording always; the correct answers, the number of options, the category and the
// difficulty only while no test depends on them (the server says why when it refuses).
import { ActionIcon, Badge, Button, Card, Checkbox, Group, Pagination, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, type Answer } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { QueryState } from '../../components/QueryState';
import { useForm } from '../../lib/form';
import { useWrite } from '../../lib/mutation';
import { useIssueText } from './shared';

type Question = Answer<'/api/contest-questions', 'get'>['items'][number];
const CATEGORIES = ['resolutions', 'charter', 'party_building', 'situations'] as const;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
const PAGE = 10;
const LETTERS = 'ABCDEF';

export function QuestionList() {
  const { t } = useTranslation();
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('resolutions');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Question | null>(null);
  const list = useQuery({
    queryKey: ['contest', 'bank', 'list', category, page],
    queryFn: ({ signal }) => call(api.GET('/api/contest-questions', { params: { query: { category, limit: PAGE, offset: (page - 1) * PAGE } }, signal })),
  });
  return (
    <Stack gap="xs" data-testid="question-list">
      <Select
        label={t('contest.questions.category')}
        data={CATEGORIES.map((c) => ({ value: c, label: t(`contest.category.${c}`) }))}
        value={category}
        onChange={(v) => {
          if (v) setCategory(v as (typeof CATEGORIES)[number]);
          setPage(1);
        }}
        allowDeselect={false}
        maw={320}
        data-testid="question-category"
      />
      <QueryState query={list}>
        {(data) => (
          <Stack gap={6}>
            {data.items.length === 0 && <Text c="dimmed">{t('contest.questions.none')}</Text>}
            {data.items.map((q) => (
              <Card key={q.id} withBorder padding="xs" data-testid="question-card">
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                      {q.text}
                    </Text>
                    <Button size="compact-xs" variant="light" onClick={() => setEditing(q)} style={{ flexShrink: 0 }} data-testid="question-edit">
                      {t('contest.questions.edit')}
                    </Button>
                  </Group>
                  <Group gap={6} wrap="wrap">
                    <Badge variant="light" color="gray" c="gray.9">
                      {t(`contest.difficulty.${q.difficulty}`)}
                    </Badge>
                    {q.options.map((o, i) => (
                      <Text key={i} size="sm" c={q.correct.includes(i) ? 'green.9' : undefined} fw={q.correct.includes(i) ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
                        {LETTERS[i]}. {o}
                        {q.correct.includes(i) ? ` ✓` : ''}
                      </Text>
                    ))}
                  </Group>
                </Stack>
              </Card>
            ))}
            {data.total > PAGE && <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} size="sm" siblings={0} />}
          </Stack>
        )}
      </QueryState>
      {editing && <QuestionModal question={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

interface Values {
  category: string | null;
  difficulty: string | null;
  text: string;
  options: string[];
  correct: number[];
}

function QuestionModal({ question, onClose }: { question: Question; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const form = useForm<Values>({ category: question.category, difficulty: question.difficulty, text: question.text, options: [...question.options], correct: [...question.correct] });
  const v = form.values;
  const save = useWrite(
    () =>
      call(
        api.PUT('/api/contest-questions/{id}', {
          params: { path: { id: question.id } },
          body: { category: v.category as Question['category'], difficulty: v.difficulty as Question['difficulty'], text: v.text, options: v.options, correct: v.correct },
        }),
      ),
    {
      onSuccess: () => {
        onClose();
        void qc.invalidateQueries({ queryKey: ['contest', 'bank'] });
      },
      onError: form.showError,
    },
  );
  const setOption = (i: number, text: string) => form.setField('options', v.options.map((o, j) => (j === i ? text : o)));
  const removeOption = (i: number) => {
    form.setField('options', v.options.filter((_, j) => j !== i));
    form.setField('correct', v.correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)));
  };
  const toggle = (i: number, on: boolean) => form.setField('correct', on ? [...v.correct, i].sort() : v.correct.filter((c) => c !== i));
  return (
    <FormModal title={t('contest.questions.editTitle')} opened onClose={onClose} onSubmit={() => save.mutate(undefined)} loading={save.isPending} formError={form.formError} issueText={issueText} size="lg" testId="question-form">
      <Group grow wrap="wrap">
        <Select label={t('contest.questions.category')} data={CATEGORIES.map((c) => ({ value: c, label: t(`contest.category.${c}`) }))} {...form.choice('category')} allowDeselect={false} miw={140} />
        <Select label={t('contest.questions.difficulty')} data={DIFFICULTIES.map((d) => ({ value: d, label: t(`contest.difficulty.${d}`) }))} {...form.choice('difficulty')} allowDeselect={false} miw={140} />
      </Group>
      <Textarea label={t('contest.questions.text')} required autosize minRows={2} {...form.text('text')} data-testid="question-text" />
      <Text size="sm" fw={500}>
        {t('contest.questions.options')}
      </Text>
      {v.options.map((o, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="center">
          <Checkbox aria-label={t('contest.questions.correct', { letter: LETTERS[i] })} checked={v.correct.includes(i)} onChange={(e) => toggle(i, e.currentTarget.checked)} data-testid={`question-correct-${i}`} />
          <TextInput aria-label={t('contest.questions.option', { letter: LETTERS[i] })} leftSection={LETTERS[i]} value={o} onChange={(e) => setOption(i, e.currentTarget.value)} style={{ flex: 1, minWidth: 0 }} />
          {v.options.length > 2 && (
            <ActionIcon variant="subtle" color="red" aria-label={t('contest.questions.removeOption', { letter: LETTERS[i] })} onClick={() => removeOption(i)}>
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {form.errors.correct && (
        <Text size="sm" c="red.8" data-testid="question-correct-error">
          {form.errors.correct}
        </Text>
      )}
      {v.options.length < 6 && (
        <Group>
          <Button size="xs" variant="light" onClick={() => form.setField('options', [...v.options, ''])}>
            {t('contest.questions.addOption')}
          </Button>
        </Group>
      )}
    </FormModal>
  );
}
