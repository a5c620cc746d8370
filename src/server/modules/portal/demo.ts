// The demo portal: the series "Nâng cao vai trò bí thư chi bộ thôn, bản" (Bài 1, Bài 2, Bài cuối) of the provincial
// newspaper (14/02/2025). Bài cuối is complete — Vietnamese (written back from the published translation, faithful
// in substance), English, and the Persian translation as republished (demo/article-fa.md, from
// /work/shared/demo/article-fa.txt without the hosting site's page furniture). Bài 1 and Bài 2 carry their real
// titles and a short illustrative summary, marked as such. A few comments, one waiting for moderation; one
// scheduled article and one draft, which the public pages must not show.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../../platform/access.js';
import type { Db } from '../../platform/db/index.js';
import type { DemoContext } from '../../platform/module.js';
import { moderateComment, submitComment } from './comments.js';
import { createArticle, createTerm, saveArticleTranslation, setPublication } from './service.js';

const actor = systemActor('demo-seed');
const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = 'Báo Tuyên Quang, 14/02/2025 — https://baotuyenquang.com.vn/nang-cao-vai-tro-bi-thu-chi-bo-thon-ban-bai-cuoi-dang-manh-tu-moi-chi-bo-manh-206703.html';
const NOTE = '_Tóm tắt minh họa cho bản trình diễn; tiêu đề theo loạt bài gốc._';

/** A Markdown file whose first line is "# title". */
function readArticle(file: string) {
  const text = fs.readFileSync(path.join(here, 'demo', file), 'utf8');
  const [first, ...rest] = text.split('\n');
  return { title: first!.replace(/^#\s*/, '').trim(), body: rest.join('\n').trim() };
}

export async function seedPortalDemo(db: Db, ctx: DemoContext): Promise<Record<string, number>> {
  const unitId = ctx.provinceId;
  const term = (kind: 'topic' | 'category' | 'author' | 'series', slug: string, names: { vi: string; en?: string; fa?: string }) => createTerm(db, actor, { kind, unitId, slug, names });
  const series = await term('series', 'nang-cao-vai-tro-bi-thu-chi-bo-thon-ban', {
    vi: 'Nâng cao vai trò bí thư chi bộ thôn, bản',
    en: 'Strengthening the role of village party cell secretaries',
    fa: 'تقویت نقش دبیران هسته‌های حزبی روستا',
  });
  const quality = await term('topic', 'chat-luong-chi-bo', { vi: 'Chất lượng chi bộ', en: 'Quality of party cells', fa: 'کیفیت هسته‌های حزبی' });
  const supervision = await term('topic', 'giam-sat-phan-bien', { vi: 'Giám sát và phản biện', en: 'Supervision and criticism', fa: 'نظارت و انتقاد' });
  const training = await term('topic', 'boi-duong-bi-thu', { vi: 'Bồi dưỡng bí thư chi bộ', en: 'Training cell secretaries', fa: 'آموزش دبیران' });
  const category = await term('category', 'xay-dung-dang', { vi: 'Xây dựng Đảng', en: 'Party building', fa: 'حزب‌سازی' });
  const author = await term('author', 'bao-tuyen-quang', { vi: 'Báo Tuyên Quang', en: 'Tuyên Quang Newspaper', fa: 'روزنامهٔ توین کوانگ' });
  const common = { unitId, seriesId: series.id, categoryId: category.id, authorId: author.id, source: SOURCE };

  const publish = async (id: string, version: number, at: string) => setPublication(db, actor, id, { publish: true, publishAt: at, version });

  const a1 = await createArticle(db, actor, {
    ...common,
    slug: 'bai-1-nhung-nguoi-hai-vai',
    seriesOrder: 1,
    topicIds: [quality.id],
    title: 'Nâng cao vai trò bí thư chi bộ thôn, bản — Bài 1: Những người “hai vai”',
    summary: 'Nhiều bí thư chi bộ đồng thời là trưởng thôn: một người, hai trọng trách.',
    body: `${NOTE}\n\nỞ nhiều thôn, bản, bí thư chi bộ đồng thời là trưởng thôn — những người “hai vai”. Họ vừa lãnh đạo chi bộ, vừa điều hành công việc của thôn, là cầu nối gần gũi nhất giữa Đảng với nhân dân.`,
  });
  let v = (await saveArticleTranslation(db, actor, a1.id, { lang: 'en', version: 1, title: 'Strengthening the role of village party cell secretaries — Lesson 1: The people with two shoulders', summary: 'Many cell secretaries are also village heads: one person, two duties.', body: '_An illustrative summary for the demo; the title is the original series\'._\n\nIn many villages the party cell secretary is also the village head — a person with "two shoulders", leading the cell and running the village, the closest bridge between the Party and the people.' })).version;
  await publish(a1.id, v, '2025-02-12T01:00:00Z');

  const a2 = await createArticle(db, actor, {
    ...common,
    slug: 'bai-2-van-con-nhung-rao-can',
    seriesOrder: 2,
    topicIds: [quality.id, training.id],
    title: 'Nâng cao vai trò bí thư chi bộ thôn, bản — Bài 2: Vẫn còn những rào cản',
    summary: 'Kinh nghiệm, kỹ năng và điều kiện làm việc của bí thư chi bộ ở cơ sở còn chưa đồng đều.',
    body: `${NOTE}\n\nBên cạnh những kết quả đạt được, đội ngũ bí thư chi bộ ở cơ sở vẫn còn gặp những rào cản về kinh nghiệm, kỹ năng công tác đảng và điều kiện làm việc.`,
  });
  await publish(a2.id, 1, '2025-02-13T01:00:00Z');

  const vi = readArticle('bai-cuoi.vi.md');
  const en = readArticle('bai-cuoi.en.md');
  const fa = readArticle('article-fa.md');
  const a3 = await createArticle(db, actor, {
    ...common,
    slug: 'bai-cuoi-dang-manh-tu-moi-chi-bo-manh',
    seriesOrder: 3,
    topicIds: [quality.id, supervision.id, training.id],
    title: vi.title,
    summary: 'Giám sát của đảng viên và nhân dân, bồi dưỡng kỹ năng và trẻ hóa đội ngũ: con đường để mỗi chi bộ vững mạnh.',
    body: vi.body,
  });
  v = (await saveArticleTranslation(db, actor, a3.id, { lang: 'en', version: 1, title: en.title, summary: 'Supervision by members and the people, training and rejuvenation: the way to make every cell strong.', body: en.body })).version;
  v = (await saveArticleTranslation(db, actor, a3.id, { lang: 'fa', version: v, title: fa.title, summary: '', body: fa.body })).version;
  await publish(a3.id, v, '2025-02-14T01:00:00Z');

  // Not public: one scheduled a month ahead, one still a draft.
  const later = await createArticle(db, actor, { unitId, categoryId: category.id, authorId: author.id, slug: 'hoi-thi-bi-thu-chi-bo-gioi-2026', topicIds: [training.id], title: 'Hội thi “Bí thư chi bộ giỏi” năm 2026 (đã lên lịch)', summary: '', body: 'Thể lệ hội thi năm 2026.' });
  await publish(later.id, 1, new Date(Date.now() + 30 * 86_400_000).toISOString());
  await createArticle(db, actor, { unitId, slug: 'ban-nhap-so-tay-bi-thu', title: 'Sổ tay bí thư chi bộ (bản nháp)', summary: '', body: 'Bản nháp, chưa đăng.' });

  const comments = [
    { lang: 'vi', authorName: 'Hoàng Văn Thắng', body: 'Bài viết rất thiết thực. Ở thôn tôi, họp thôn lấy ý kiến nhân dân trước khi làm đường nên bà con rất đồng thuận.' },
    { lang: 'vi', authorName: 'Lò Thị Hương', body: 'Mong tỉnh tiếp tục mở lớp bồi dưỡng cho bí thư chi bộ trẻ ở vùng cao.' },
    { lang: 'en', authorName: 'Minh', body: 'Useful to read the figures on training and on secretaries\' qualifications side by side.' },
  ];
  const ids = [];
  for (const c of comments) ids.push((await submitComment(db, { articleId: a3.id, unitPath: '', ...c, ip: null })).id);
  for (const id of ids) await moderateComment(db, actor, id, { decision: 'approve' });
  await submitComment(db, { articleId: a3.id, unitPath: '', lang: 'vi', authorName: 'Nguyễn Văn Bình', body: 'Đề nghị đăng thêm kết quả Hội thi bí thư chi bộ giỏi của từng xã.', ip: null });
  return { articles: 5, translations: 8, comments: comments.length + 1 };
}
