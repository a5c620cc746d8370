// A list people look things up in: a table from 768 px up, a list of cards below it, so a phone never scrolls
// sideways to reach a row's action (issue 14, defect 1 and "wide tables on phones"). The people list, the review
// board and the supervision cases use it.
import { Card, Group, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment, type ReactNode } from 'react';

export type Layout = 'table' | 'card';

export interface Column<T> {
  key: string;
  /** The column's heading; on a card, the label before the value (unless `bare`). */
  header: ReactNode;
  cell: (row: T, layout: Layout) => ReactNode;
  /** The row's name: the card's title line (one column should be). */
  primary?: boolean;
  /** On a card, the value alone (badges, a status) without "header: ". */
  bare?: boolean;
  /** Left out of the card (a value the title line already says). */
  hideOnCard?: boolean;
}

interface Props<T> {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  /** The row's actions; on a card they come last, full width when `layout === 'card'` asks for it. */
  actions?: (row: T, layout: Layout) => ReactNode;
  /** A row drawn across the whole width (a group's heading); null for an ordinary row. */
  section?: (row: T, layout: Layout) => ReactNode | null;
  /** Indents a row (a member under its cell). */
  indent?: (row: T) => boolean;
  rowTestId?: (row: T, layout: Layout) => string | undefined;
  testId?: string;
  /** The table's least width; past it the table scrolls inside its box (never on a phone: cards). */
  minWidth?: number;
  striped?: boolean;
  /** More props for a row's `<tr>` or card (the whole card as a link, a row that opens on click). */
  rowProps?: (row: T, layout: Layout) => Record<string, unknown>;
}

/** `(min-width: 48em)`: Mantine's `sm`, 768 px. Read at first render so a phone never draws the table first. */
export function useWide(): boolean {
  const initial = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 48em)').matches : true;
  return useMediaQuery('(min-width: 48em)', initial, { getInitialValueInEffect: false });
}

export function ResponsiveTable<T>({ rows, rowKey, columns, actions, section, indent, rowTestId, testId, minWidth = 560, striped = true, rowProps }: Props<T>) {
  const wide = useWide();
  if (wide) {
    const span = columns.length + (actions ? 1 : 0);
    return (
      <ScrollArea type="auto">
        <Table striped={striped} highlightOnHover miw={minWidth} data-testid={testId} data-layout="table">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key}>{c.header}</Table.Th>
              ))}
              {actions && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const whole = section?.(r, 'table');
              return (
                <Table.Tr key={rowKey(r)} data-testid={rowTestId?.(r, 'table')} {...(rowProps?.(r, 'table') ?? {})}>
                  {whole != null ? (
                    <Table.Td colSpan={span}>{whole}</Table.Td>
                  ) : (
                    <>
                      {columns.map((c) => (
                        <Table.Td key={c.key} pl={c.primary && indent?.(r) ? 'lg' : undefined}>
                          {c.cell(r, 'table')}
                        </Table.Td>
                      ))}
                      {actions && <Table.Td>{actions(r, 'table')}</Table.Td>}
                    </>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    );
  }
  return (
    <Stack gap="xs" data-testid={testId} data-layout="card">
      {rows.map((r) => {
        const whole = section?.(r, 'card');
        return (
          <Card
            key={rowKey(r)}
            withBorder
            padding="sm"
            radius="md"
            ml={indent?.(r) ? 'sm' : 0}
            data-testid={rowTestId?.(r, 'card')}
            style={{ overflowWrap: 'anywhere', minWidth: 0 }}
            {...(rowProps?.(r, 'card') ?? {})}
          >
            {whole != null ? (
              whole
            ) : (
              <Stack gap={6}>
                {columns
                  .filter((c) => !c.hideOnCard)
                  .map((c) => {
                    const value = c.cell(r, 'card');
                    // A card leaves out what is empty ("Điểm: —" under every member not yet assessed).
                    if (value === null || value === undefined || value === false || value === '') return null;
                    return c.primary || c.bare ? (
                      <Fragment key={c.key}>{value}</Fragment>
                    ) : (
                      <Group key={c.key} gap={6} wrap="nowrap" align="baseline">
                        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                          {c.header}:
                        </Text>
                        <Text size="sm" component="div" style={{ minWidth: 0 }}>
                          {value}
                        </Text>
                      </Group>
                    );
                  })}
                {actions?.(r, 'card')}
              </Stack>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
