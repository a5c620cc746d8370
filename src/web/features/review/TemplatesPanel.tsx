// "Mẫu tiêu chí" (province admin): the criteria templates of a year — the four groups with their criteria (the sum
// shown live, must be 100), thresholds and extra conditions, and the cap rule; copy from another year; save with
// PUT. Every problem is shown at once on its field: the client's checks, then the server's codes.
import { Accordion, Alert, Badge, Button, Grid, Group, List, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { useWrite } from '../../lib/mutation';
import { reviewApi, type TemplateSet } from './api';
import { ReviewError, useIssueText } from './ReviewError';
import { criteriaSum, draftProblems, newCriterion, placeProblems, shownPaths, toBody, toDraft, toInt, type Draft, type DraftTemplate, type Num, type Problem } from './templateForm';

const validYear = (y: number) => Number.isInteger(y) && y >= 2000 && y <= 2100;
const templatesKey = (unitId: string, year: number) => ['review-templates', unitId, year] as const;

function useProblemText() {
  const { t } = useTranslation();
  const issue = useIssueText();
  return (p: Problem) =>
    t(`review.templates.problems.${p.code}`, { ...p.params, defaultValue: issue({ path: p.path, code: p.code, message: p.message ?? p.code, params: p.params }) });
}

export function TemplatesPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const [year, setYear] = useState<Num>(new Date().getFullYear());
  const y = toInt(year);
  const query = useQuery({ queryKey: templatesKey(unitId, y), queryFn: () => reviewApi.templates(unitId, y), enabled: validYear(y) });
  return (
    <Paper withBorder p="sm" data-testid="review-templates">
      <Text fw={600}>{t('review.templates.title')}</Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('review.templates.hint')}
      </Text>
      <NumberInput
        label={t('review.templates.year')}
        value={year}
        onChange={setYear}
        min={2000}
        max={2100}
        allowDecimal={false}
        w={140}
        error={validYear(y) ? undefined : t('review.templates.problems.int_range', { min: 2000, max: 2100 })}
        data-testid="templates-year"
      />
      {validYear(y) && (
        <QueryState query={query}>{(d) => <TemplateEditor key={`${unitId}:${y}`} unitId={unitId} year={y} set={d.templateSet} />}</QueryState>
      )}
    </Paper>
  );
}

function TemplateEditor({ unitId, year, set }: { unitId: string; year: number; set: TemplateSet }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const say = useProblemText();
  const [draft, setDraft] = useState<Draft>(() => toDraft(set));
  // After the first save attempt the client's checks run live; the server's problems stay until the next edit.
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [fromYear, setFromYear] = useState<Num>(year - 1);
  const [copying, setCopying] = useState(false);
  const [copied, setCopied] = useState<{ from: number; saved: boolean } | null>(null);
  const [opened, setOpened] = useState<string[]>([draft.templates[0].group]);

  const shown = useMemo(() => shownPaths(draft), [draft]);
  const problems = useMemo(() => [...(tried ? draftProblems(draft) : []), ...serverProblems], [tried, draft, serverProblems]);
  const { byPath, rest } = placeProblems(problems, shown);
  const errorAt = (path: string) => (byPath[path]?.length ? byPath[path].map(say).join('; ') : undefined);
  const groupProblems = (i: number) => Object.entries(byPath).filter(([p]) => p === `templates.${i}` || p.startsWith(`templates.${i}.`)).reduce((n, [, ps]) => n + ps.length, 0);

  const edit = (fn: (d: Draft) => Draft) => {
    setDraft(fn);
    setServerProblems([]);
    setError(null);
  };
  const editTemplate = (i: number, fn: (t: DraftTemplate) => DraftTemplate) => edit((d) => ({ ...d, templates: d.templates.map((x, k) => (k === i ? fn(x) : x)) }));

  const save = useWrite((body: ReturnType<typeof toBody>) => reviewApi.saveTemplates(year, { unitId, ...body }), {
    onSuccess: (r) => {
      setDraft(toDraft(r.templateSet));
      setTried(false);
      setCopied(null);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.length > 0) {
        const ps = e.fields.map((f) => ({ path: f.path, code: f.code ?? 'invalid_value', message: f.message }));
        setServerProblems(ps);
        openWithProblems(ps);
      } else setError(e);
    },
  });

  const openWithProblems = (ps: Problem[]) => {
    const groups = new Set(ps.map((p) => /^templates\.(\d+)/.exec(p.path)?.[1]).filter((x): x is string => x !== undefined).map((i) => draft.templates[Number(i)]?.group).filter(Boolean));
    if (groups.size) setOpened((o) => [...new Set([...o, ...groups])]);
  };

  const submit = () => {
    setTried(true);
    setServerProblems([]);
    setError(null);
    const ps = draftProblems(draft);
    if (ps.length) {
      openWithProblems(ps);
      return;
    }
    save.mutate(toBody(draft));
  };

  const copy = async () => {
    const from = toInt(fromYear);
    if (!validYear(from)) return;
    setCopying(true);
    setError(null);
    try {
      const r = await queryClient.fetchQuery({ queryKey: templatesKey(unitId, from), queryFn: () => reviewApi.templates(unitId, from) });
      edit(() => toDraft(r.templateSet));
      setCopied({ from, saved: r.templateSet.saved });
    } catch (e) {
      setError(e);
    } finally {
      setCopying(false);
    }
  };

  return (
    <Stack gap="sm" mt="sm" data-testid="templates-editor" data-year={year}>
      <Group gap="xs" wrap="wrap">
        <Badge color={set.saved ? 'green' : 'gray'} data-testid="templates-saved">
          {set.saved ? t('review.templates.saved', { year }) : t('review.templates.notSaved')}
        </Badge>
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NumberInput label={t('review.templates.copyFrom')} value={fromYear} onChange={setFromYear} min={2000} max={2100} allowDecimal={false} w={140} data-testid="templates-copy-year" />
        <Button variant="light" onClick={copy} loading={copying} disabled={!validYear(toInt(fromYear)) || toInt(fromYear) === year} data-testid="templates-copy">
          {t('review.templates.copy')}
        </Button>
      </Group>
      {copied && (
        <Alert color="blue" data-testid="templates-copied">
          {copied.saved ? t('review.templates.copied', { from: copied.from, year }) : t('review.templates.copiedDefault', { from: copied.from, year })}
        </Alert>
      )}

      <Paper withBorder p="xs">
        <Text fw={600} size="sm">
          {t('review.templates.cap.title')}
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Switch
            label={t('review.templates.cap.enabled')}
            checked={draft.cap.enabled}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              edit((d) => ({ ...d, cap: { ...d.cap, enabled } }));
            }}
            error={errorAt('cap.enabled')}
            data-testid="templates-cap-enabled"
          />
          <NumberInput
            label={t('review.templates.cap.percent')}
            value={draft.cap.percent}
            onChange={(v) => edit((d) => ({ ...d, cap: { ...d.cap, percent: v } }))}
            disabled={!draft.cap.enabled}
            allowDecimal={false}
            clampBehavior="none"
            suffix="%"
            w={200}
            error={errorAt('cap.percent')}
            data-testid="templates-cap-percent"
          />
        </Group>
      </Paper>

      <Accordion multiple value={opened} onChange={setOpened} variant="separated">
        {draft.templates.map((tpl, i) => {
          const sum = criteriaSum(tpl);
          const count = groupProblems(i);
          return (
            <Accordion.Item key={tpl.group} value={tpl.group} data-testid={`review-template-${tpl.group}`}>
              <Accordion.Control>
                <Group gap="xs" wrap="wrap">
                  <Text fw={600} size="sm">
                    {t(`review.groups.${tpl.group}`)}
                  </Text>
                  <Badge variant="light" color="gray">
                    {t('review.board.form', { form: tpl.form })}
                  </Badge>
                  <Badge variant="light" color={sum === 100 ? 'green' : 'red'}>
                    {t('review.templates.sum', { sum })}
                  </Badge>
                  {count > 0 && <Badge color="red">{t('review.templates.problemCount', { count })}</Badge>}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <TemplateFields index={i} tpl={tpl} errorAt={errorAt} onChange={(fn) => editTemplate(i, fn)} />
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>

      {problems.length > 0 && (
        <Alert color="red" title={t('review.templates.problemCount', { count: problems.length })} role="alert" data-testid="templates-problems">
          {rest.length > 0 && (
            <List size="sm">
              {rest.map((p, k) => (
                <List.Item key={`${p.path}:${k}`} data-testid={`issue-${p.code}`}>
                  {say(p)}
                </List.Item>
              ))}
            </List>
          )}
          {rest.length === 0 && <Text size="sm">{t('review.templates.fixBelow')}</Text>}
        </Alert>
      )}
      <ReviewError error={error} />
      <Group justify="flex-end" gap="xs" wrap="wrap">
        <Button
          variant="default"
          onClick={() => {
            edit(() => toDraft(set));
            setTried(false);
            setCopied(null);
          }}
          data-testid="templates-reset"
        >
          {t('review.templates.reset')}
        </Button>
        <Button onClick={submit} loading={save.isPending} data-testid="review-template-save">
          {t('review.templates.save', { year })}
        </Button>
      </Group>
    </Stack>
  );
}

function TemplateFields({
  index,
  tpl,
  errorAt,
  onChange,
}: {
  index: number;
  tpl: DraftTemplate;
  errorAt: (path: string) => string | undefined;
  onChange: (fn: (t: DraftTemplate) => DraftTemplate) => void;
}) {
  const { t } = useTranslation();
  const base = `templates.${index}`;
  const sum = criteriaSum(tpl);
  const setCriterion = (j: number, patch: Partial<DraftTemplate['criteria'][number]>) =>
    onChange((x) => ({ ...x, criteria: x.criteria.map((c, k) => (k === j ? { ...c, ...patch } : c)) }));
  const setThreshold = (k: keyof DraftTemplate['thresholds'], v: Num) => onChange((x) => ({ ...x, thresholds: { ...x.thresholds, [k]: v } }));
  const setCondition = (k: keyof DraftTemplate['conditions'], v: Num) => onChange((x) => ({ ...x, conditions: { ...x.conditions, [k]: v } }));
  const listError = errorAt(`${base}.criteria`);
  const cardError = errorAt(base);
  return (
    <Stack gap="sm">
      {cardError && (
        <Text size="sm" c="red">
          {cardError}
        </Text>
      )}
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('review.templates.criteria')}
        </Text>
        <Grid gap="xs" visibleFrom="sm">
          <Grid.Col span={2}>
            <Text size="xs" c="dimmed">
              {t('review.templates.code')}
            </Text>
          </Grid.Col>
          <Grid.Col span="auto">
            <Text size="xs" c="dimmed">
              {t('review.templates.criterionTitle')}
            </Text>
          </Grid.Col>
          <Grid.Col span={2}>
            <Text size="xs" c="dimmed">
              {t('review.templates.maxPoints')}
            </Text>
          </Grid.Col>
          <Grid.Col span="content">
            <Text size="xs" c="dimmed" w={48} />
          </Grid.Col>
        </Grid>
        {tpl.criteria.map((c, j) => {
          const p = `${base}.criteria.${j}`;
          return (
            <Paper key={c.uid} withBorder={false} bg="var(--mantine-color-default-hover)" p={6} radius="sm" data-testid="review-criterion-row">
              <Grid gap="xs" align="flex-start">
                <Grid.Col span={{ base: 4, sm: 2 }}>
                  <TextInput
                    aria-label={t('review.templates.code')}
                    placeholder={t('review.templates.code')}
                    value={c.code}
                    onChange={(e) => setCriterion(j, { code: e.currentTarget.value })}
                    error={errorAt(`${p}.code`)}
                    data-testid="criterion-code"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 'auto' }} order={{ base: 4, sm: 2 }}>
                  <Textarea
                    aria-label={t('review.templates.criterionTitle')}
                    placeholder={t('review.templates.criterionTitle')}
                    autosize
                    minRows={1}
                    maxRows={4}
                    value={c.title}
                    onChange={(e) => setCriterion(j, { title: e.currentTarget.value })}
                    error={errorAt(`${p}.title`)}
                    data-testid="criterion-title"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 5, sm: 2 }} order={{ base: 2, sm: 3 }}>
                  <NumberInput
                    aria-label={t('review.templates.maxPoints')}
                    placeholder={t('review.templates.maxPoints')}
                    value={c.maxPoints}
                    onChange={(v) => setCriterion(j, { maxPoints: v })}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="none"
                    error={errorAt(`${p}.maxPoints`)}
                    data-testid="criterion-max"
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 3, sm: 'content' }} order={{ base: 3, sm: 4 }}>
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-sm"
                    mt={6}
                    onClick={() => onChange((x) => ({ ...x, criteria: x.criteria.filter((_c, k) => k !== j) }))}
                    aria-label={t('review.templates.removeOf', { code: c.code })}
                    data-testid="criterion-remove"
                  >
                    {t('review.templates.remove')}
                  </Button>
                </Grid.Col>
              </Grid>
            </Paper>
          );
        })}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Button
            variant="light"
            size="compact-sm"
            onClick={() => onChange((x) => ({ ...x, criteria: [...x.criteria, newCriterion()] }))}
            disabled={tpl.criteria.length >= 30}
            data-testid="criterion-add"
          >
            {t('review.templates.add')}
          </Button>
          <Text size="sm" fw={600} c={sum === 100 ? 'green' : 'red'} data-testid="template-sum" aria-live="polite">
            {t('review.templates.sum', { sum })}
          </Text>
        </Group>
        {listError && (
          <Text size="sm" c="red" data-testid="template-criteria-error">
            {listError}
          </Text>
        )}
      </Stack>

      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('review.templates.thresholds')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
          {(['excellent', 'good', 'completed'] as const).map((k) => (
            <NumberInput
              key={k}
              label={t(`review.templates.threshold.${k}`)}
              value={tpl.thresholds[k]}
              onChange={(v) => setThreshold(k, v)}
              allowDecimal={false}
              clampBehavior="none"
              error={errorAt(`${base}.thresholds.${k}`)}
              data-testid={`threshold-${k}`}
            />
          ))}
        </SimpleGrid>
        {errorAt(`${base}.thresholds`) && (
          <Text size="sm" c="red" data-testid="template-thresholds-error">
            {errorAt(`${base}.thresholds`)}
          </Text>
        )}
      </Stack>

      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {t('review.templates.conditions')}
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <NumberInput
            label={t('review.templates.condition.excellentMinExceedingPct')}
            value={tpl.conditions.excellentMinExceedingPct}
            onChange={(v) => setCondition('excellentMinExceedingPct', v)}
            allowDecimal={false}
            clampBehavior="none"
            suffix="%"
            error={errorAt(`${base}.conditions.excellentMinExceedingPct`)}
            data-testid="condition-exceeding"
          />
          <NumberInput
            label={t('review.templates.condition.completedMaxLatePct')}
            value={tpl.conditions.completedMaxLatePct}
            onChange={(v) => setCondition('completedMaxLatePct', v)}
            allowDecimal={false}
            clampBehavior="none"
            suffix="%"
            error={errorAt(`${base}.conditions.completedMaxLatePct`)}
            data-testid="condition-late"
          />
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
