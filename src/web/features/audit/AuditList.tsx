import { Accordion, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { formatDate, formatDateTime } from '../../lib/format';

/** A field's name as a person reads it: the catalog's label, or the key's words ("memberSince" → "member since"). */
function useFieldLabel() {
  const { t } = useTranslation();
  return (key: string) => t(`auditLog.fields.${key}`, { defaultValue: key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase() });
}

/** A recorded value in words: dates dd/mm/yyyy, yes/no, lists joined, nested states as "label: value". */
function useValueText() {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const text = (v: unknown, key?: string): string => {
    if (v === null || v === undefined || v === '') return '—';
    // An enum's code in words (role, education, sex…) when the shared catalog knows it.
    if (typeof v === 'string' && key && /^[a-z0-9_]+$/.test(v)) {
      const word = t(`enums.${key}.${v}`, { defaultValue: '' });
      if (word) return word;
    }
    if (typeof v === 'boolean') return v ? t('auditLog.yes') : t('auditLog.no');
    if (typeof v === 'number') return v.toLocaleString('vi-VN');
    if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : v;
    if (Array.isArray(v)) return v.map((x) => text(x, key)).join(', ');
    return Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => !isId(x))
      .map(([k, x]) => `${label(k)}: ${text(x, k)}`)
      .join('; ');
  };
  return text;
}

/** A reference to another record by id: the sentence names the record; the id tells a reader nothing. */
const isId = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

const asRecord = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** What changed: one line per field, "label: before → after" (only the fields that differ when both are known). */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const text = useValueText();
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before == null && after == null) return <Text size="sm" c="dimmed">{t('auditLog.noChange')}</Text>;
    return <Text size="sm">{`${text(before)} → ${text(after)}`}</Text>;
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !(b && a) || JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .filter((k) => !isId(b?.[k]) && !isId(a?.[k]));
  if (keys.length === 0) return <Text size="sm" c="dimmed">{t('auditLog.noChange')}</Text>;
  return (
    <Stack gap={4} data-testid="audit-changes">
      {keys.map((k) => (
        <Text key={k} size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span fw={600} size="sm">
            {label(k)}:
          </Text>{' '}
          {b && a ? `${text(b[k], k)} → ${text(a[k], k)}` : text((a ?? b)![k], k)}
        </Text>
      ))}
    </Stack>
  );
}

/** Audit events as sentences — who did what to which named thing — each expanding to what changed. */
export function AuditList({ items }: { items: AuditEvent[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text c="dimmed">{t('audit.none')}</Text>;
  const sentence = (e: AuditEvent) => {
    const actor = e.actorLabel ?? e.actorName ?? t('auditLog.system');
    // A thing no module names (yet) is said by its kind ("một lớp bồi dưỡng"), never as if it were gone.
    const subject = e.subject ? `${e.subject.name}${e.subject.context ? ` (${e.subject.context})` : ''}` : t(`auditLog.things.${e.entityType}`, { defaultValue: t('auditLog.aRecord') });
    const verb = t(`auditLog.verbs.${e.action}`, { defaultValue: '' });
    if (verb) return t('auditLog.sentence', { actor, verb, subject, interpolation: { escapeValue: false } });
    const action = t(`audit.actions.${e.action}`, { defaultValue: e.action });
    return t('auditLog.generic', { actor, action, subject, interpolation: { escapeValue: false } });
  };
  return (
    <Accordion variant="separated" multiple chevronPosition="left">
      {items.map((e) => (
        <Accordion.Item key={e.id} value={e.id} data-testid="audit-row">
          <Accordion.Control>
            <Stack gap={2}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="audit-sentence">
                {sentence(e)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
              </Text>
            </Stack>
          </Accordion.Control>
          <Accordion.Panel>
            <Changes before={e.before} after={e.after} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
