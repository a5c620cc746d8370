import { Anchor, Paper, ScrollArea, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDate } from '../../lib/format';
import { useSession } from '../../lib/session';
import { AuditList } from '../audit/AuditList';

export function UnitHistoryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { isProvinceAdmin } = useSession();
  const query = useQuery({ queryKey: ['unit-history', id], queryFn: () => call(api.GET('/api/units/{id}/history', { params: { path: { id } } })) });
  return (
    <Stack>
      <Anchor component={Link} to={`/units/${id}`} size="sm">
        {t('common.back')}
      </Anchor>
      <Title order={2}>{t('units.history')}</Title>
      <QueryState query={query}>
        {(data) => (
          <Stack>
            <Paper withBorder>
              <ScrollArea type="auto">
                <Table miw={480}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('common.from')}</Table.Th>
                      <Table.Th>{t('common.to')}</Table.Th>
                      <Table.Th>{t('units.name')}</Table.Th>
                      <Table.Th>{t('units.parent')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((h) => (
                      <Table.Tr key={`${h.validFrom}:${h.name}`} data-testid="unit-history-row">
                        <Table.Td>{formatDate(h.validFrom)}</Table.Td>
                        <Table.Td>{formatDate(h.validTo)}</Table.Td>
                        <Table.Td>{h.name}</Table.Td>
                        <Table.Td>
                          {h.parentId ? (
                            <Anchor component={Link} to={`/units/${h.parentId}`}>
                              {h.parentName ?? h.parentId}
                            </Anchor>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
            </Paper>
            <Title order={4}>{t('units.events')}</Title>
            <AuditList items={data.events} />
            {isProvinceAdmin && (
              <Anchor component={Link} to={`/audit?entityType=unit&entityId=${id}`} size="sm">
                {t('audit.trail')}
              </Anchor>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
