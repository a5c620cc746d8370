// The province admin opens a cycle: year, kind, the branch taking part, the reference date and step deadlines.
import { Alert, List, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cycleKinds } from '../../../domain/review';
import { DateField } from '../../components/DateField';
import { UnitPicker } from '../../components/UnitPicker';
import { useSession } from '../../lib/session';
import { useWrite } from '../../lib/mutation';
import { api, call } from '../../api/client';
import { formatDate } from '../../lib/format';
import { reviewApi, type Cycle } from './api';
import { FormModal } from '../../components/FormModal';
import { useIssueText } from './ReviewError';

export function OpenCycleModal({ onClose, onOpened }: { onClose: () => void; onOpened: (c: Cycle) => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const home = me.roles.find((r) => r.role === 'province_admin') ?? me.roles[0];
  const year = new Date().getFullYear();
  const [v, setV] = useState({
    year: year as number | string,
    kind: 'yearly' as string | null,
    title: t('review.open.defaultTitle', { year }),
    branchId: home?.unitId ?? null,
    referenceDate: `${year}-12-01` as string | null,
    selfDue: `${year}-12-10` as string | null,
    cellDue: `${year}-12-20` as string | null,
    decisionDue: `${year}-12-31` as string | null,
  });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof v) => (x: unknown) => setV((s) => ({ ...s, [k]: x }));
  const write = useWrite(reviewApi.open, { onSuccess: (r) => onOpened(r.cycle), onError: (e) => (setPreview(null), setError(e)) });
  // Opening reaches every member of the branch: the first submit shows how many (the branch's figures on the
  // reference date) and what will be asked of them; only the second opens the cycle.
  const [preview, setPreview] = useState<{ branch: string; members: number; cells: number } | null>(null);
  const [counting, setCounting] = useState(false);
  const body = () => ({ unitId: home?.unitId, year: Number(v.year), kind: v.kind, title: v.title, branchIds: v.branchId ? [v.branchId] : [], referenceDate: v.referenceDate, selfDue: v.selfDue, cellDue: v.cellDue, decisionDue: v.decisionDue });
  const count = async () => {
    if (!v.branchId || !v.referenceDate) return write.mutate(body());
    setCounting(true);
    try {
      const d = await call(api.GET('/api/dashboard', { params: { query: { unitId: v.branchId, date: v.referenceDate } } }));
      setPreview({ branch: d.unit.name, members: d.figures.members, cells: d.figures.cells });
    } catch (e) {
      setError(e);
    } finally {
      setCounting(false);
    }
  };
  const edit = (k: keyof typeof v) => (x: unknown) => {
    setPreview(null);
    set(k)(x);
  };
  const issueText = useIssueText();
  return (
    <FormModal
      opened
      size="lg"
      title={t('review.open.title')}
      testId="modal-open-cycle"
      formError={error}
      issueText={issueText}
      loading={write.isPending || counting}
      onClose={onClose}
      submitLabel={preview ? t('review.open.confirm', { count: preview.members }) : t('review.open.submit')}
      submitTestId="open-cycle-submit"
      onSubmit={() => {
        setError(null);
        if (preview) write.mutate(body());
        else void count();
      }}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <NumberInput label={t('review.open.year')} value={v.year} onChange={edit('year')} data-testid="cycle-year" />
        <Select label={t('review.open.kind')} data={cycleKinds.map((k) => ({ value: k, label: t(`review.kinds.${k}`) }))} value={v.kind} onChange={edit('kind')} allowDeselect={false} />
      </SimpleGrid>
      <TextInput label={t('review.open.name')} value={v.title} onChange={(e) => edit('title')(e.currentTarget.value)} data-testid="cycle-title" />
      <UnitPicker label={t('review.open.branch')} value={v.branchId} onChange={(id) => edit('branchId')(id)} initial={home ? { id: home.unitId, name: home.unitName } : null} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
        <DateField label={t('review.open.referenceDate')} value={v.referenceDate} onChange={edit('referenceDate')} />
        <DateField label={t('review.open.selfDue')} value={v.selfDue} onChange={edit('selfDue')} />
        <DateField label={t('review.open.cellDue')} value={v.cellDue} onChange={edit('cellDue')} />
        <DateField label={t('review.open.decisionDue')} value={v.decisionDue} onChange={edit('decisionDue')} />
      </SimpleGrid>
      {preview && (
        <Alert color="orange" title={t('review.open.previewTitle')} data-testid="open-cycle-preview">
          <List size="sm">
            <List.Item>{t('review.open.previewWho', { count: preview.members, cells: preview.cells, branch: preview.branch, date: formatDate(v.referenceDate) })}</List.Item>
            <List.Item>{t('review.open.previewSteps', { self: formatDate(v.selfDue), cell: formatDate(v.cellDue), decision: formatDate(v.decisionDue) })}</List.Item>
          </List>
        </Alert>
      )}
    </FormModal>
  );
}
