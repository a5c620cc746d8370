// One meeting on a phone: agenda (with the open tasks of earlier meetings), materials, invitations and answers,
// attendance as big toggles, the minutes on the 42-HD structure, action items, the resolution and the score. Every
// write goes to the outbox first (outbox.ts): it works without signal and is sent when the signal returns.
import { Alert, Anchor, Badge, Button, Card, Checkbox, FileButton, Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { formatDateVi, todayIso } from '../../../domain/dates';
import { minutesSections } from '../../../domain/meetings';
import { DateField } from '../../components/DateField';
import { QueryState } from '../../components/QueryState';
import { useSession } from '../../lib/session';
import { bandColor, getMeeting, meetingKey, stateColor, type AttendanceStatus, type MeetingDetail } from './api';
import { OutboxBar } from './OutboxBar';
import { enqueue, flush, onSent, useOutbox, type OutboxEntry } from './outbox';

type Send = (command: NonNullable<OutboxEntry['command']>) => void;

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      <Stack gap="xs">{children}</Stack>
    </Card>
  );
}

function Schedule({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const m = d.meeting;
  const [plannedOn, setPlannedOn] = useState<string | null>(m.plannedOn);
  const [startsAt, setStartsAt] = useState(m.startsAt ?? '');
  const [location, setLocation] = useState(m.location ?? '');
  const [topic, setTopic] = useState(m.topic ?? '');
  const [heldOn, setHeldOn] = useState<string | null>(m.heldOn ?? todayIso());
  const [duration, setDuration] = useState<number | string>(m.durationMinutes ?? 90);
  return (
    <Section title={t('meetings.schedule')} testId="meeting-schedule">
      <Text size="sm">
        {t('meetings.plannedOn')}: {formatDateVi(m.plannedOn)} {m.startsAt ?? ''} {m.location ? `— ${m.location}` : ''}
      </Text>
      {m.heldOn && (
        <Text size="sm" data-testid="meeting-held">
          {t('meetings.heldOn')}: {formatDateVi(m.heldOn)} ({t('meetings.minutesLong', { count: m.durationMinutes ?? 0 })})
        </Text>
      )}
      {canRun && m.status === 'planned' && (
        <>
          <DateField label={t('meetings.plannedOn')} value={plannedOn} onChange={setPlannedOn} />
          <TextInput label={t('meetings.startsAt')} placeholder="19:30" value={startsAt} onChange={(e) => setStartsAt(e.currentTarget.value)} />
          <TextInput label={t('meetings.location')} value={location} onChange={(e) => setLocation(e.currentTarget.value)} />
          <TextInput label={t('meetings.topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />
          <Button variant="light" onClick={() => plannedOn && send({ type: 'schedule', plannedOn, startsAt: startsAt || null, location: location || null, topic: topic || null })} data-testid="meeting-schedule-save">
            {t('meetings.saveSchedule')}
          </Button>
          <Group grow align="end">
            <DateField label={t('meetings.heldOn')} value={heldOn} onChange={setHeldOn} data-testid="meeting-held-on" />
            <NumberInput label={t('meetings.duration')} min={1} max={1440} value={duration} onChange={setDuration} />
          </Group>
          <Button size="md" onClick={() => heldOn && send({ type: 'recordHeld', heldOn, durationMinutes: Number(duration) })} data-testid="meeting-record-held">
            {t('meetings.recordHeld')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Agenda({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(d.agenda.map((a) => a.title).join('\n'));
  return (
    <Section title={t('meetings.agenda')} testId="meeting-agenda">
      {d.agenda.map((a, i) => (
        <Text key={i}>
          {i + 1}. {a.title}
        </Text>
      ))}
      {d.carriedItems.length > 0 && (
        <>
          <Text fw={600} size="sm">
            {t('meetings.carried')}
          </Text>
          {d.carriedItems.map((i) => (
            <Group key={i.id} justify="space-between" wrap="wrap" data-testid="carried-item">
              <div>
                <Text size="sm">{i.title}</Text>
                <Text size="xs" c={i.overdue ? 'red.8' : 'dimmed'}>
                  {i.owner} — {t('meetings.dueOn')} {formatDateVi(i.dueOn)}
                  {i.overdue ? ` (${t('meetings.overdue')})` : ''}
                </Text>
              </div>
              {canRun ? (
                <SegmentedControl
                  size="sm"
                  value={i.status}
                  onChange={(status) => send({ type: 'followUp', itemId: i.id, status, note: '' })}
                  data={(['open', 'done', 'dropped'] as const).map((s) => ({ value: s, label: t(`meetings.itemStatus.${s}`) }))}
                />
              ) : (
                <Badge>{t(`meetings.itemStatus.${i.status}`)}</Badge>
              )}
            </Group>
          ))}
        </>
      )}
      {canRun && (
        <>
          <Textarea label={t('meetings.agendaEdit')} autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
          <Button variant="light" onClick={() => send({ type: 'setAgenda', items: text.split('\n').map((s) => s.trim()).filter(Boolean).map((title) => ({ title })) })}>
            {t('meetings.saveAgenda')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Materials({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [pick, setPick] = useState<string | null>(null);
  // The picker: the documents sent to this cell (still to study, or studied in this meeting) not attached yet.
  const attachable = d.studies.filter((x) => !d.documentMaterials.some((m) => m.disseminationId === x.disseminationId));
  return (
    <Section title={t('meetings.materials')} testId="meeting-materials">
      {d.materials.length === 0 && d.documentMaterials.length === 0 && <Text c="dimmed">{t('meetings.noMaterials')}</Text>}
      {d.documentMaterials.map((x) => (
        <Group key={x.disseminationId} justify="space-between" wrap="wrap" data-testid="meeting-document-material">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {x.number}
            </Text>
            <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
              {x.title}
            </Text>
            <Text size="xs" c={x.late ? 'red.8' : 'dimmed'}>
              {t('meetings.documentAttachedOn', { date: formatDateVi(x.sentOn) })} {x.late ? `— ${t('meetings.late')}` : ''}
            </Text>
          </div>
          <Badge color={x.studiedHere ? 'green.8' : x.studiedOn ? 'blue.8' : 'gray.7'} data-testid="document-material-state">
            {x.studiedHere ? t('meetings.studiedHere') : x.studiedOn ? t('meetings.studiedOn', { date: formatDateVi(x.studiedOn) }) : t('meetings.toStudy')}
          </Badge>
        </Group>
      ))}
      {d.materials.map((f) => (
        <Group key={f.id} justify="space-between">
          <Anchor href={`/api/meetings/${d.meeting.id}/materials/${f.id}`}>{f.fileName}</Anchor>
          <Text size="xs" c={f.late ? 'red.8' : 'dimmed'}>
            {formatDateVi(f.sentOn)} {f.late ? `— ${t('meetings.late')}` : ''}
          </Text>
        </Group>
      ))}
      {canRun && d.meeting.status !== 'cancelled' && attachable.length > 0 && (
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('meetings.documentPick')}
            placeholder={t('meetings.documentPickHint')}
            data={attachable.map((x) => ({ value: x.disseminationId, label: `${x.number} — ${x.title}` }))}
            value={pick}
            onChange={setPick}
            searchable
            style={{ flex: '1 1 14rem', minWidth: 0 }}
            data-testid="document-material-pick"
          />
          <Button
            variant="light"
            disabled={!pick}
            onClick={() => {
              if (pick) send({ type: 'attachDocument', disseminationId: pick });
              setPick(null);
            }}
            data-testid="document-material-attach"
          >
            {t('meetings.documentAttach')}
          </Button>
        </Group>
      )}
      {canRun && d.meeting.status === 'planned' && (
        <FileButton accept="application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" onChange={(file) => file && void enqueue(me.id, d.meeting.id, d.meeting.version, { file: { blob: file, name: file.name } })}>
          {(props) => (
            <Button variant="light" {...props} data-testid="meeting-material-upload">
              {t('meetings.addMaterial')}
            </Button>
          )}
        </FileButton>
      )}
    </Section>
  );
}

function Invitations({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const mine = d.members.find((x) => x.personId === me.personId);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState(d.meeting.invitationMessage ?? t('meetings.defaultInvitation'));
  const [guests, setGuests] = useState(d.meeting.guests.join(', '));
  return (
    <Section title={t('meetings.invitations')} testId="meeting-invitations">
      {d.meeting.invitationsSentOn ? (
        <Text size="sm">{t('meetings.invitationsSent', { date: formatDateVi(d.meeting.invitationsSentOn) })}</Text>
      ) : (
        <Text c="dimmed">{t('meetings.invitationsNotSent')}</Text>
      )}
      {d.meeting.guests.length > 0 && <Text size="sm">{t('meetings.guests')}: {d.meeting.guests.join(', ')}</Text>}
      {d.members.map((x) => (
        <Group key={x.personId} justify="space-between" wrap="nowrap">
          <Text size="sm">{x.fullName}</Text>
          <Badge color={x.invitation?.apologyReason ? 'yellow.9' : x.invitation?.acknowledgedAt ? 'green.8' : 'gray.7'} title={x.invitation?.apologyReason ?? undefined}>
            {!x.invitation ? t('meetings.notInvited') : x.invitation.apologyReason ? t('meetings.apologized') : x.invitation.acknowledgedAt ? t('meetings.acknowledged') : t('meetings.invited')}
          </Badge>
        </Group>
      ))}
      {canRun && d.meeting.status === 'planned' && (
        <>
          <Textarea label={t('meetings.invitationMessage')} autosize minRows={2} value={message} onChange={(e) => setMessage(e.currentTarget.value)} />
          <TextInput label={t('meetings.guestsHint')} value={guests} onChange={(e) => setGuests(e.currentTarget.value)} />
          <Button variant="light" onClick={() => send({ type: 'sendInvitations', message, guests: guests.split(',').map((g) => g.trim()).filter(Boolean) })} data-testid="meeting-invite">
            {t('meetings.sendInvitations')}
          </Button>
        </>
      )}
      {mine?.invitation && d.actions.includes('meeting.respond') && d.meeting.status === 'planned' && (
        <>
          {!mine.invitation.acknowledgedAt && (
            <Button size="md" onClick={() => send({ type: 'acknowledge' })} data-testid="meeting-acknowledge">
              {t('meetings.acknowledge')}
            </Button>
          )}
          <TextInput label={t('meetings.apologyReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Button variant="default" disabled={!reason.trim()} onClick={() => send({ type: 'apologize', reason })} data-testid="meeting-apologize">
            {t('meetings.apologize')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Attendance({ d, send, canRun, pending }: { d: MeetingDetail; send: Send; canRun: boolean; pending: OutboxEntry[] }) {
  const { t } = useTranslation();
  // What the phone recorded and has not seen come back from the server yet.
  const local = new Map<string, { status: AttendanceStatus; reason: string | null }>();
  for (const e of pending)
    if (e.command?.type === 'attendance') for (const x of e.command.entries as { personId: string; status: AttendanceStatus; reason?: string | null }[]) local.set(x.personId, { status: x.status, reason: x.reason ?? null });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const held = d.meeting.status === 'held';
  const counts = { present: 0, excused: 0, absent: 0 };
  d.members.forEach((x) => {
    const s = local.get(x.personId)?.status ?? x.attendance?.status;
    if (s) counts[s] += 1;
  });
  return (
    <Section title={t('meetings.attendance')} testId="meeting-attendance">
      <Text size="sm">{t('meetings.attendanceCounts', { ...counts, total: d.members.length })}</Text>
      {!held && <Text c="dimmed">{t('meetings.recordHeldFirst')}</Text>}
      {canRun && held && d.members.some((x) => !local.has(x.personId) && !x.attendance) && (
        <Button
          size="md"
          variant="light"
          // Only the unrecorded, decided by the server when it applies it: a tap sent just before is never overwritten.
          onClick={() => send({ type: 'attendance', onlyUnrecorded: true, entries: d.members.filter((x) => !local.has(x.personId) && !x.attendance).map((x) => ({ personId: x.personId, status: 'present' })) })}
          data-testid="attendance-rest-present"
        >
          {t('meetings.restPresent')}
        </Button>
      )}
      {d.members.map((x) => {
        const cur = local.get(x.personId) ?? x.attendance;
        return (
          <Stack key={x.personId} gap={4} data-testid="attendance-row">
            <Group justify="space-between" wrap="nowrap">
              <Text>{x.fullName}</Text>
              {local.has(x.personId) && <Badge color="orange.8">{t('meetings.outbox.notSent')}</Badge>}
            </Group>
            <SegmentedControl
              fullWidth
              size="md"
              disabled={!canRun || !held}
              value={cur?.status ?? ''}
              onChange={(status) => send({ type: 'attendance', entries: [{ personId: x.personId, status, reason: status === 'present' ? null : reasons[x.personId] || cur?.reason || null }] })}
              data={(['present', 'excused', 'absent'] as const).map((s) => ({ value: s, label: t(`meetings.attendanceStatus.${s}`) }))}
              data-testid={`attendance-${x.personId}`}
            />
            {cur && cur.status !== 'present' && canRun && (
              <TextInput
                aria-label={t('meetings.reason')}
                placeholder={t('meetings.reason')}
                defaultValue={cur.reason ?? ''}
                onChange={(e) => setReasons({ ...reasons, [x.personId]: e.currentTarget.value })}
                onBlur={(e) => e.currentTarget.value !== (cur.reason ?? '') && send({ type: 'attendance', entries: [{ personId: x.personId, status: cur.status, reason: e.currentTarget.value || null }] })}
              />
            )}
          </Stack>
        );
      })}
    </Section>
  );
}

function Minutes({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const m = d.meeting.minutes;
  const [chair, setChair] = useState(m?.chair ?? '');
  const [secretary, setSecretary] = useState(m?.secretary ?? '');
  const [sections, setSections] = useState<Record<string, string>>(m?.sections ?? {});
  const locked = !!d.score.review?.closedOn;
  const editable = canRun && d.meeting.status === 'held' && !locked;
  return (
    <Section title={t('meetings.minutes')} testId="meeting-minutes">
      {locked && <Text size="sm" c="dimmed">{t('meetings.minutesLocked')}</Text>}
      <Group grow>
        <TextInput label={t('meetings.chair')} value={chair} readOnly={!editable} onChange={(e) => setChair(e.currentTarget.value)} />
        <TextInput label={t('meetings.minutesSecretary')} value={secretary} readOnly={!editable} onChange={(e) => setSecretary(e.currentTarget.value)} />
      </Group>
      {minutesSections.map((s) => (
        <Textarea
          key={s}
          label={t(`meetings.sections.${s}`)}
          autosize
          minRows={2}
          readOnly={!editable}
          value={sections[s] ?? ''}
          onChange={(e) => setSections({ ...sections, [s]: e.currentTarget.value })}
          data-testid={`minutes-${s}`}
        />
      ))}
      {editable && (
        <Button onClick={() => send({ type: 'minutes', minutes: { chair, secretary, sections } })} data-testid="minutes-save">
          {t('meetings.saveMinutes')}
        </Button>
      )}
      {d.meeting.status === 'held' && (
        <Anchor href={`/api/meetings/${d.meeting.id}/minutes.pdf`} target="_blank">
          {t('meetings.minutesPdf')}
        </Anchor>
      )}
    </Section>
  );
}

function ActionItems({ d, send, canRun, pending }: { d: MeetingDetail; send: Send; canRun: boolean; pending: OutboxEntry[] }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState<string | null>(null);
  const queued = pending.filter((e) => e.command?.type === 'addActionItem');
  return (
    <Section title={t('meetings.actionItems')} testId="meeting-action-items">
      {d.actionItems.map((i) => (
        <Group key={i.id} justify="space-between" wrap="wrap">
          <div>
            <Text size="sm">{i.title}</Text>
            <Text size="xs" c={i.overdue ? 'red.8' : 'dimmed'}>
              {i.owner} — {formatDateVi(i.dueOn)}
            </Text>
          </div>
          <Badge>{t(`meetings.itemStatus.${i.status}`)}</Badge>
        </Group>
      ))}
      {queued.map((e) => (
        <Group key={e.commandId} justify="space-between" data-testid="action-item-queued">
          <Text size="sm">{String(e.command?.title)}</Text>
          <Badge color="orange.8">{t('meetings.outbox.notSent')}</Badge>
        </Group>
      ))}
      {canRun && d.meeting.status === 'held' && (
        <>
          <TextInput label={t('meetings.itemTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-testid="item-title" />
          <Select label={t('meetings.itemOwner')} data={d.members.map((x) => ({ value: x.personId, label: x.fullName }))} value={owner} onChange={setOwner} data-testid="item-owner" />
          <DateField label={t('meetings.dueOn')} value={dueOn} onChange={setDueOn} data-testid="item-due" />
          <Button
            variant="light"
            disabled={!title.trim() || !owner || !dueOn}
            onClick={() => {
              send({ type: 'addActionItem', itemId: crypto.randomUUID(), title, ownerPersonId: owner!, dueOn: dueOn! });
              setTitle('');
            }}
            data-testid="item-add"
          >
            {t('meetings.addItem')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Studies({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  if (d.studies.length === 0) return null;
  return (
    <Section title={t('meetings.studies')} testId="meeting-studies">
      {d.studies.map((x) => (
        <Group key={x.disseminationId} justify="space-between" wrap="wrap">
          <div>
            <Text size="sm" fw={600}>
              {x.number}
            </Text>
            <Text size="xs">{x.title}</Text>
            <Text size="xs" c={x.state === 'overdue' ? 'red.8' : 'dimmed'}>
              {t('meetings.studyDeadline', { date: formatDateVi(x.deadline) })}
            </Text>
          </div>
          {x.studiedOn ? (
            <Badge color="green.8">{t('meetings.studied')}</Badge>
          ) : (
            canRun &&
            d.meeting.status === 'held' && (
              <Button size="sm" variant="light" onClick={() => send({ type: 'studyDocument', disseminationId: x.disseminationId })} data-testid="study-in-meeting">
                {t('meetings.studyHere')}
              </Button>
            )
          )}
        </Group>
      ))}
    </Section>
  );
}

function Resolution({ d, send, canRun }: { d: MeetingDetail; send: Send; canRun: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(d.meeting.resolutionText ?? '');
  const [publishedOn, setPublishedOn] = useState<string | null>(d.meeting.resolutionPublishedOn ?? todayIso());
  const editable = canRun && d.meeting.status === 'held' && !d.score.review?.closedOn;
  return (
    <Section title={t('meetings.resolution')} testId="meeting-resolution">
      {d.meeting.resolutionPublishedOn && <Text size="sm">{t('meetings.publishedOn', { date: formatDateVi(d.meeting.resolutionPublishedOn) })}</Text>}
      <Textarea aria-label={t('meetings.resolution')} autosize minRows={3} value={text} readOnly={!editable} onChange={(e) => setText(e.currentTarget.value)} />
      {editable && (
        <>
          <DateField label={t('meetings.publishedOnLabel')} value={publishedOn} onChange={setPublishedOn} />
          <Button variant="light" disabled={!text.trim() || !publishedOn} onClick={() => send({ type: 'resolution', text, publishedOn: publishedOn! })}>
            {t('meetings.saveResolution')}
          </Button>
        </>
      )}
    </Section>
  );
}

function Score({ d, send, canRun, canReview }: { d: MeetingDetail; send: Send; canRun: boolean; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const start = d.score.review?.scores ?? d.score.self?.scores ?? {};
  const [scores, setScores] = useState<Record<string, number>>(start);
  const [note, setNote] = useState(d.score.review?.note ?? '');
  const [close, setClose] = useState(false);
  const total = Object.values(scores).reduce((a, b) => a + (Number(b) || 0), 0);
  const closed = !!d.score.review?.closedOn;
  const editable = d.meeting.status === 'held' && !closed && (canRun || canReview);
  const sheet = (label: string, s: { total: number; band: string } | null) =>
    s && (
      <Group gap="xs">
        <Text size="sm">{label}:</Text>
        <Badge color={bandColor[s.band]} size="lg" data-testid="score-band">
          {s.total} — {t(`meetings.bands.${s.band}`)}
        </Badge>
      </Group>
    );
  return (
    <Section title={t('meetings.score')} testId="meeting-score">
      {sheet(t('meetings.selfScore'), d.score.self)}
      {sheet(t('meetings.reviewScore'), d.score.review)}
      {closed && <Text size="sm">{t('meetings.reviewClosed', { date: formatDateVi(d.score.review!.closedOn!) })}</Text>}
      {editable &&
        d.score.criteria.map((c) => (
          <NumberInput
            key={c.code}
            label={`${i18n.language === 'en' ? c.labelEn : c.labelVi} (≤ ${c.maxPoints})`}
            min={0}
            max={c.maxPoints}
            step={0.5}
            value={scores[c.code] ?? ''}
            onChange={(v) => setScores({ ...scores, [c.code]: Number(v) })}
            data-testid={`score-${c.code}`}
          />
        ))}
      {editable && <Text fw={600}>{t('meetings.total', { total })}</Text>}
      {editable && canRun && (
        <Button variant="light" onClick={() => send({ type: 'score', scores })} data-testid="score-save">
          {t('meetings.saveScore')}
        </Button>
      )}
      {editable && canReview && (
        <>
          <Textarea label={t('meetings.reviewNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Checkbox label={t('meetings.closeReview')} checked={close} onChange={(e) => setClose(e.currentTarget.checked)} />
          <Button onClick={() => send({ type: 'review', scores, note, close })} data-testid="review-save">
            {t('meetings.saveReview')}
          </Button>
        </>
      )}
    </Section>
  );
}

export function MeetingPage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: meetingKey(id!), queryFn: () => getMeeting(id!), networkMode: 'offlineFirst' });
  const { me } = useSession();
  const outbox = useOutbox(id, me.id);
  const pending = outbox.filter((e) => e.state === 'pending');
  const [lastWarnings, setLastWarnings] = useState<{ code: string; message: string }[]>([]);
  useEffect(() => {
    void flush();
    return onSent((e) => {
      if (e.meetingId !== id) return;
      if (e.answer?.warnings.length) setLastWarnings(e.answer.warnings);
      void queryClient.invalidateQueries({ queryKey: meetingKey(id!) });
    });
  }, [id, queryClient]);
  return (
    <QueryState query={q}>
      {(d) => {
        const send: Send = (command) => void enqueue(me.id, d.meeting.id, d.meeting.version, { command });
        const canRun = d.actions.includes('meeting.run');
        const canReview = d.actions.includes('meeting.review');
        return (
          <Stack gap="sm" maw={720}>
            <Group justify="space-between" wrap="wrap">
              <div>
                <Title order={2}>
                  {t(`meetings.kinds.${d.meeting.kind}`)} — {formatDateVi(d.meeting.heldOn ?? d.meeting.plannedOn)}
                </Title>
                <Text c="dimmed">{d.meeting.cell}</Text>
              </div>
              <Badge color={stateColor[d.meeting.state]} size="lg" data-testid="meeting-state">
                {t(`meetings.states.${d.meeting.state}`)}
              </Badge>
            </Group>
            <OutboxBar meetingId={d.meeting.id} currentVersion={d.meeting.version} />
            {[...d.warnings, ...lastWarnings.filter((w) => !d.warnings.some((x) => x.code === w.code))].map((w) => (
              <Alert key={w.code} color="yellow" data-testid={`warning-${w.code}`}>
                {t(`meetings.warnings.${w.code}`, { defaultValue: w.message, days: d.rules.materialsDaysBefore, after: d.rules.resolutionDaysAfter })}
              </Alert>
            ))}
            {d.meeting.status === 'cancelled' && <Alert color="gray">{t('meetings.cancelled', { reason: d.meeting.cancelReason })}</Alert>}
            <Schedule d={d} send={send} canRun={canRun} />
            <Agenda d={d} send={send} canRun={canRun} />
            <Materials d={d} send={send} canRun={canRun} />
            <Invitations d={d} send={send} canRun={canRun} />
            <Attendance d={d} send={send} canRun={canRun} pending={pending} />
            <Studies d={d} send={send} canRun={canRun} />
            <Minutes d={d} send={send} canRun={canRun} />
            <ActionItems d={d} send={send} canRun={canRun} pending={pending} />
            <Resolution d={d} send={send} canRun={canRun} />
            <Score d={d} send={send} canRun={canRun} canReview={canReview} />
          </Stack>
        );
      }}
    </QueryState>
  );
}
