// The organizers' forms: a new year's contest, a round with its rules (the draw's quotas by category and difficulty,
// the test's minutes, the judges' criteria, the drop rule, the weights, who goes on), and a round's panel of judges.
import { Button, Group, NumberInput, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call, formBody } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { useIssueText, type ContestDetail, type ContestRound } from './shared';

const CATEGORIES = ['resolutions', 'charter', 'party_building', 'situations'] as const;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
const AWARDS = [
  { code: 'first', places: 1 },
  { code: 'second', places: 2 },
  { code: 'third', places: 3 },
  { code: 'consolation', places: 5 },
] as const;

export function NewContestButton({ organizerUnitId }: { organizerUnitId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState<number | string>(new Date().getFullYear() + 1);
  const [title, setTitle] = useState('');
  const create = useMutation({
    mutationFn: () => call(api.POST('/api/contests', { body: formBody({ year: Number(year), title: title || `Hội thi "Bí thư chi bộ giỏi" năm ${year}`, awards: AWARDS, organizerUnitId }) })),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['contest'] });
    },
  });
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="contest-new">
        {t('contest.organize.newContest')}
      </Button>
      <FormModal title={t('contest.organize.newContest')} opened={open} onClose={() => setOpen(false)} onSubmit={() => create.mutate()} loading={create.isPending} formError={create.error} issueText={issueText}>
        <NumberInput label={t('contest.year')} value={year} onChange={setYear} min={2023} max={2100} />
        <TextInput label={t('contest.organize.contestTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} placeholder={`Hội thi "Bí thư chi bộ giỏi" năm ${year}`} />
      </FormModal>
    </>
  );
}

/** Criteria typed one a line: "label | maximum". */
const parseCriteria = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const [label, max] = l.split('|').map((x) => x.trim());
      return { code: `c_${'abcdefghijkl'[i] ?? 'z'}`, label: label ?? '', max: Number(max) || 0 };
    });

export function AddRoundButton({ contest }: { contest: ContestDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<'commune' | 'province'>('commune');
  const [title, setTitle] = useState('');
  const [opens, setOpens] = useState<string | null>(null);
  const [closes, setCloses] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>(30);
  const [quotas, setQuotas] = useState<Record<string, number | string>>({});
  const [criteria, setCriteria] = useState('');
  const [dropFrom, setDropFrom] = useState<number | string>(3);
  const [testWeight, setTestWeight] = useState<number | string>(1);
  const [advance, setAdvance] = useState<number | string>(1);
  const add = useMutation({
    mutationFn: () => {
      const q = Object.entries(quotas)
        .filter(([, n]) => Number(n) > 0)
        .map(([k, n]) => ({ category: k.split(':')[0], difficulty: k.split(':')[1], count: Number(n) }));
      const crit = parseCriteria(criteria);
      const w = Math.min(1, Math.max(0, Number(testWeight)));
      return call(
        api.POST('/api/contests/{id}/rounds', {
          params: { path: { id: contest.id } },
          body: formBody({
            level,
            title,
            opensAt: opens ? `${opens}T07:00:00+07:00` : '',
            closesAt: closes ? `${closes}T17:00:00+07:00` : '',
            rules: { quotas: q, testMinutes: Number(minutes), criteria: crit, dropHighLowFrom: Number(dropFrom), testWeight: q.length ? w : 0, presentationWeight: crit.length ? (q.length ? 1 - w : 1) : 0, tieBreaks: ['presentation', 'test', 'finished_first'], advancePerCommune: Number(advance) },
          }),
        }),
      );
    },
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['contest'] });
    },
  });
  return (
    <>
      <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="round-new">
        {t('contest.organize.newRound')}
      </Button>
      <FormModal title={t('contest.organize.newRound')} opened={open} onClose={() => setOpen(false)} onSubmit={() => add.mutate()} loading={add.isPending} formError={add.error} issueText={issueText} size="lg">
        <Select label={t('contest.organize.level')} data={(['commune', 'province'] as const).map((l) => ({ value: l, label: t(`contest.level.${l}`) }))} value={level} onChange={(v) => v && setLevel(v as 'commune' | 'province')} allowDeselect={false} />
        <TextInput label={t('contest.organize.roundTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        <Group grow wrap="wrap">
          <DateField label={t('contest.organize.opens')} value={opens} onChange={setOpens} />
          <DateField label={t('contest.organize.closes')} value={closes} onChange={setCloses} />
        </Group>
        <Text size="sm" fw={500}>
          {t('contest.organize.quotas')}
        </Text>
        <Table.ScrollContainer minWidth={300}>
          <Table fz="sm">
            <Table.Tbody>
              {CATEGORIES.map((c) => (
                <Table.Tr key={c}>
                  <Table.Td>{t(`contest.category.${c}`)}</Table.Td>
                  {DIFFICULTIES.map((d) => (
                    <Table.Td key={d}>
                      <NumberInput size="xs" w={70} min={0} max={50} aria-label={`${t(`contest.category.${c}`)} ${t(`contest.difficulty.${d}`)}`} placeholder={t(`contest.difficulty.${d}`)} value={quotas[`${c}:${d}`] ?? ''} onChange={(v) => setQuotas((q) => ({ ...q, [`${c}:${d}`]: v }))} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group grow wrap="wrap">
          <NumberInput label={t('contest.organize.minutes')} value={minutes} onChange={setMinutes} min={1} max={240} />
          <NumberInput label={t('contest.organize.testWeight')} value={testWeight} onChange={setTestWeight} min={0} max={1} step={0.1} decimalScale={2} />
        </Group>
        <Textarea label={t('contest.organize.criteria')} description={t('contest.organize.criteriaHelp')} value={criteria} onChange={(e) => setCriteria(e.currentTarget.value)} autosize minRows={3} />
        <Group grow wrap="wrap">
          <NumberInput label={t('contest.organize.dropFrom')} value={dropFrom} onChange={setDropFrom} min={0} max={20} />
          <NumberInput label={t('contest.organize.advance')} value={advance} onChange={setAdvance} min={0} max={50} />
        </Group>
      </FormModal>
    </>
  );
}

export function JudgesButton({ round }: { round: ContestRound }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const issueText = useIssueText();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState<string | null>(null);
  const panel = useQuery({ queryKey: ['contest', 'judges', round.id], enabled: open, queryFn: ({ signal }) => call(api.GET('/api/contest-rounds/{id}/judges', { params: { path: { id: round.id } }, signal })) });
  const save = useMutation({
    mutationFn: (usernames: string[]) => call(api.PUT('/api/contest-rounds/{id}/judges', { params: { path: { id: round.id } }, body: { usernames } })),
    onSuccess: () => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['contest'] });
    },
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)} data-testid="round-judges">
        {t('contest.organize.judges')}
      </Button>
      <FormModal title={t('contest.organize.judges')} opened={open} onClose={() => setOpen(false)} onSubmit={() => save.mutate((text ?? '').split(/[\s,;]+/).filter(Boolean))} loading={save.isPending} formError={save.error} issueText={issueText}>
        <Stack gap={4}>
          {panel.data?.judges.map((j) => (
            <Text key={j.userId} size="sm">
              {j.name}
            </Text>
          ))}
        </Stack>
        <Textarea label={t('contest.organize.usernames')} description={t('contest.organize.usernamesHelp')} value={text ?? ''} onChange={(e) => setText(e.currentTarget.value)} autosize minRows={2} />
      </FormModal>
    </>
  );
}
