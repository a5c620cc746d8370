// The minutes as a PDF in the Party's format (biên bản họp chi bộ, 42-HD), through the kit's partyPdf: its header
// (the commune and the cell on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the dated place line on the right), then the
// meeting, attendance, the minutes' sections, the resolution's tasks and the signatures of the chair and the secretary.
// In Vietnamese, or in English when asked (its words: pdf-i18n.ts); the header stays the Party's own.
import { formatDateVi } from '../../../domain/dates.js';
import { minutesSections } from '../../../domain/meetings.js';
import { textsIn, type TextLang } from '../../../domain/texts.js';
import type { Executor } from '../../platform/db/index.js';
import { partyPdf, placeOf as placeOfCommune } from '../../platform/pdf.js';
import { latestParentNameOf } from '../org/branch.js';
import { pdfTexts } from './pdf-i18n.js';
import type { MeetingDetail } from './service.js';

/** The place of the dated line: the commune's name without its "Đảng ủy xã/phường" prefix. */
export const placeOf = (commune: string | null) => placeOfCommune(commune ?? '').trim() || '…';

/** The issuing committee and the cell as the header names them: "ĐẢNG ỦY XÃ …", "CHI BỘ …". */
const committeeOf = (commune: string | null) => (commune && !/^Đảng ủy/i.test(commune) ? `Đảng ủy ${commune}` : (commune ?? ''));
const cellTitle = (cell: string) => (/^Chi bộ/i.test(cell) ? cell : `Chi bộ ${cell}`);

export async function minutesPdf(exec: Executor, d: MeetingDetail, lang: TextLang = 'vi'): Promise<Buffer> {
  const { t } = textsIn(pdfTexts, lang);
  const m = d.meeting;
  const commune = await latestParentNameOf(exec, m.cellId);
  const day = m.heldOn ?? m.plannedOn;
  const date = formatDateVi(day);
  const count = (s: string) => d.members.filter((x) => x.attendance?.status === s).length;
  const minutes = m.minutes ?? {};
  const kind = t(m.kind === 'thematic' ? 'kind.thematic' : 'kind.regular');
  const sign = (who: 'secretary' | 'chair', name: string | undefined) => ({
    width: '50%',
    stack: [{ text: t(who), bold: true, alignment: 'center' }, { text: t('sign'), italics: true, alignment: 'center', fontSize: 9 }, { text: name ?? '', alignment: 'center', margin: [0, 40, 0, 0] }],
  });
  return partyPdf({
    issuer: committeeOf(commune),
    unitName: cellTitle(m.cell),
    place: placeOf(commune),
    date: day,
    title: t('document', { date }),
    content: [
      { text: t('title'), bold: true, fontSize: 14, alignment: 'center' },
      { text: m.topic ? t('topic', { kind, topic: m.topic }) : kind, alignment: 'center', margin: [0, 2, 0, 14] },
      {
        text: `${m.startsAt ? t('whenAt', { time: m.startsAt, date }) : t('when', { date })}${m.durationMinutes ? t('duration', { minutes: m.durationMinutes }) : ''}. ${t('place', { place: m.location || '…' })}`,
      },
      { text: t('people', { chair: minutes.chair || '…', secretary: minutes.secretary || '…' }) },
      { text: t('attendance', { total: d.members.length, present: count('present'), excused: count('excused'), absent: count('absent') }) },
      ...(m.guests.length ? [{ text: t('guests', { guests: m.guests.join(', ') }) }] : []),
      ...d.members
        .filter((x) => x.attendance && x.attendance.status !== 'present')
        .map((x) => ({ text: `– ${x.fullName}: ${t(`attendance.${x.attendance!.status}`)}${x.attendance!.reason ? ` (${x.attendance!.reason})` : ''}`, fontSize: 10 })),
      { text: t('content'), bold: true, margin: [0, 12, 0, 6] },
      ...d.agenda.map((a, i) => ({ text: `${i + 1}. ${a.title}` })),
      ...minutesSections
        .filter((s) => minutes.sections?.[s])
        .flatMap((s, i) => [{ text: `${i + 1}. ${t(`section.${s}`)}`, bold: true, margin: [0, 8, 0, 2] }, { text: minutes.sections![s]! }]),
      ...(d.actionItems.length
        ? [
            { text: t('tasks'), bold: true, margin: [0, 12, 0, 6] },
            {
              table: {
                headerRows: 1,
                widths: [24, '*', 120, 70],
                body: [[t('tasks.no'), t('tasks.title'), t('tasks.owner'), t('tasks.due')].map((text) => ({ text, bold: true })), ...d.actionItems.map((a, i) => [String(i + 1), a.title, a.owner, formatDateVi(a.dueOn)])],
              },
              fontSize: 10,
            },
          ]
        : []),
      ...(m.resolutionText ? [{ text: t('resolution'), bold: true, margin: [0, 12, 0, 6] }, { text: m.resolutionText }] : []),
      { columns: [sign('secretary', minutes.secretary), sign('chair', minutes.chair)], margin: [0, 24, 0, 0] },
    ],
  });
}
