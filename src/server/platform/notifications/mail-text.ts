// The words of e-mails, in the reader's language: the topic's name (the same names as the inbox's preferences page),
// the words the emitter gave, how many pieces of news the line holds, and the link into chibo. The sentence itself
// is the inbox's: an e-mail points to it rather than repeat every module's phrasing.
import type { NotificationTopic } from '../../../domain/notifications.js';

export type MailLocale = 'vi' | 'en';

const topicNames: Record<MailLocale, Record<string, string>> = {
  vi: {
    'meeting.invitation': 'Giấy mời sinh hoạt chi bộ',
    'document.study': 'Văn bản cần học tập, quán triệt',
    'review.step_due': 'Các bước đánh giá, xếp loại đến hạn',
    'supervision.assigned': 'Phản ánh mới giao cho đơn vị',
    'supervision.reply': 'Trả lời của người phản ánh',
    'import.finished': 'Nhập danh sách đảng viên xong',
    'warning.follow_up': 'Cảnh báo được giao theo dõi',
    'deadline.reminder': 'Nhắc hạn công việc',
  },
  en: {
    'meeting.invitation': 'Cell meeting invitations',
    'document.study': 'Documents to study',
    'review.step_due': 'Review steps due',
    'supervision.assigned': 'New reports for your unit',
    'supervision.reply': 'Replies from reporters',
    'import.finished': 'Roster imports finished',
    'warning.follow_up': 'Warnings given to me to follow up',
    'deadline.reminder': 'Deadline reminders',
  },
};

const words = {
  vi: {
    news: (n: number) => `${n.toLocaleString('vi-VN')} tin mới`,
    open: 'Mở trong chibo',
    official: 'Đây là thông báo chính thức: xin mở chibo và bấm "Xác nhận đã nhận".',
    footer: 'Thư này gửi theo lựa chọn của đồng chí trong "Tùy chọn nhận thông báo" của chibo; đổi lựa chọn tại',
    digestSubject: (n: number) => `[chibo] Tổng hợp thông báo trong ngày: ${n.toLocaleString('vi-VN')} tin`,
    digestIntro: 'Các thông báo mới của đồng chí, gộp theo loại:',
  },
  en: {
    news: (n: number) => `${n.toLocaleString('en-US')} new`,
    open: 'Open in chibo',
    official: 'This is an official message: please open chibo and press "Acknowledge".',
    footer: 'You receive this e-mail by your choice in chibo\'s notification preferences; change it at',
    digestSubject: (n: number) => `[chibo] Your daily digest: ${n.toLocaleString('en-US')} notifications`,
    digestIntro: 'Your new notifications, grouped by kind:',
  },
};

export const topicName = (locale: MailLocale, topic: string) => topicNames[locale][topic] ?? topic;

export interface MailItem {
  topic: NotificationTopic | string;
  kind: 'official' | 'activity';
  params: Record<string, unknown>;
  count: number;
  link: string;
}

/** The emitter's words (unit and document names, numbers, dates), in their order. */
const detail = (params: Record<string, unknown>) =>
  Object.values(params)
    .filter((v): v is string | number => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number')
    .join(' · ');

const line = (locale: MailLocale, item: MailItem, baseUrl: string) => {
  const w = words[locale];
  const head = `${topicName(locale, item.topic)}${item.count > 1 ? ` (${w.news(item.count)})` : ''}`;
  const d = detail(item.params);
  return [head, ...(d ? [d] : []), ...(item.kind === 'official' ? [w.official] : []), `${w.open}: ${baseUrl}${item.link}`].join('\n');
};

export function renderNow(locale: MailLocale, item: MailItem, baseUrl: string): { subject: string; text: string } {
  const d = detail(item.params);
  return {
    subject: `[chibo] ${topicName(locale, item.topic)}${d ? ` — ${d}` : ''}`.slice(0, 200),
    text: `${line(locale, item, baseUrl)}\n\n--\n${words[locale].footer} ${baseUrl}/inbox/preferences\n`,
  };
}

/** One e-mail for a person's day: their items grouped by topic, in the topics' order. */
export function renderDigest(locale: MailLocale, items: readonly MailItem[], baseUrl: string): { subject: string; text: string } {
  const w = words[locale];
  const byTopic = new Map<string, MailItem[]>();
  for (const i of items) byTopic.set(i.topic, [...(byTopic.get(i.topic) ?? []), i]);
  const order = Object.keys(topicNames[locale]);
  const topics = [...byTopic.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const sections = topics.map((t) => {
    const list = byTopic.get(t)!;
    const n = list.reduce((s, i) => s + i.count, 0);
    const entries = list.map((i) => {
      const d = detail(i.params);
      return `  • ${d || topicName(locale, t)}${i.count > 1 ? ` (${w.news(i.count)})` : ''} — ${baseUrl}${i.link}`;
    });
    return `${topicName(locale, t)} (${n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-US')})\n${entries.join('\n')}`;
  });
  const total = items.reduce((s, i) => s + i.count, 0);
  return {
    subject: w.digestSubject(total),
    text: `${w.digestIntro}\n\n${sections.join('\n\n')}\n\n--\n${w.footer} ${baseUrl}/inbox/preferences\n`,
  };
}
