import { Button, Center, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, call, type Query } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UnitPicker } from '../../components/UnitPicker';
import { AuditList } from './AuditList';

const entityTypes = ['person', 'unit', 'user', 'import', 'session'];

/** Province admins: the audit trail, filtered through the URL (`?entityType=&q=&unitId=`; `entityId` from a record's own page). */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const entityType = params.get('entityType') ?? '';
  const entityId = params.get('entityId') ?? '';
  const q = params.get('q') ?? '';
  const unitId = params.get('unitId') ?? '';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query = useInfiniteQuery({
    queryKey: ['audit', entityType, entityId, unitId, q],
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/audit', { params: { query: { entityType: (entityType || undefined) as Query<'/api/audit'>['entityType'], entityId: entityId || undefined, unitId: unitId || undefined, q: q || undefined, limit: 50, cursor: pageParam ?? undefined } }, signal })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const typeOptions = [...new Set([...entityTypes, ...(entityType ? [entityType] : [])])].map((v) => ({
    value: v,
    label: t(`audit.entities.${v}`, { defaultValue: v }),
  }));
  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('audit.entityType')}
          data={typeOptions}
          value={entityType || null}
          onChange={(v) => set('entityType', v)}
          clearable
          w={{ base: '100%', xs: 180 }}
          data-testid="audit-entity-type"
        />
        <TextInput
          label={t('auditLog.searchLabel')}
          placeholder={t('auditLog.search')}
          defaultValue={q}
          key={q}
          onBlur={(e) => set('q', e.currentTarget.value.trim() || null)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set('q', e.currentTarget.value.trim() || null);
          }}
          w={{ base: '100%', xs: 280 }}
          data-testid="audit-search"
        />
        <div style={{ width: 'min(100%, 280px)' }}>
          <UnitPicker label={t('audit.unit')} value={unitId || null} onChange={(id) => set('unitId', id)} clearable />
        </div>
      </Group>
      {query.error ? <ErrorAlert error={query.error} /> : query.isPending ? null : <AuditList items={items} />}
      {query.hasNextPage && (
        <Center>
          <Button variant="light" onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
