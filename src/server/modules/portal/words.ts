// The public pages' own words, per language: a page in Persian says everything in Persian. A language of
// domain/portal.ts must have its words here (the type says so).
import type { PortalLang } from '../../../domain/portal.js';

export interface Words {
  langName: string;
  site: string;
  tagline: string;
  home: string;
  latest: string;
  series: string;
  topic: string;
  category: string;
  author: string;
  source: string;
  published: string;
  search: string;
  searchPlaceholder: string;
  searchResults: (n: number, q: string) => string;
  nothing: string;
  readIn: string;
  part: (n: number) => string;
  moreParts: (n: number) => string;
  sameSeries: string;
  sameTopic: string;
  sameCategory: string;
  sameAuthor: string;
  comments: string;
  noComments: string;
  writeComment: string;
  yourName: string;
  yourComment: string;
  send: string;
  commentPending: string;
  opinion: string;
  opinionHint: string;
  consultations: string;
  consultationsNone: string;
  consultationsDecided: string;
  yourCommune: string;
  communeOfArticle: string;
  show: string;
  consultationsIn: (commune: string) => string;
  /** The box linking the latest published results of the excellent-secretary contest (/results/contest/<year>). */
  contest: { title: string; results: (year: number) => string };
  /** The page of decided consultations (/tin/<lang>/tham-van). */
  decisions: {
    title: string;
    titleIn: (commune: string) => string;
    intro: string;
    allCommunes: string;
    none: string;
    question: string;
    participation: (participants: string, eligible: string, pct: string | null) => string;
    level: string;
    levels: Record<'consensus' | 'majority' | 'none' | 'low_turnout', string>;
    decision: string;
    followUp: string;
    decidedOn: (date: string) => string;
    details: string;
    allDecisions: string;
  };
  views: (n: number) => string;
  feed: string;
  older: string;
  newer: string;
  notFound: string;
  notFoundHint: string;
  notInLang: string;
  badRequest: string;
  tooMany: string;
  errors: Record<'name' | 'body' | 'q' | 'xa', string>;
  error: string;
}

export const fmt = (lang: string) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : lang);

export const words: Record<PortalLang, Words> = {
  vi: {
    langName: 'Tiếng Việt',
    site: 'Cổng thông tin xây dựng Đảng',
    tagline: 'Đảng mạnh từ mỗi chi bộ mạnh',
    home: 'Trang chủ',
    latest: 'Tin mới',
    series: 'Loạt bài',
    topic: 'Chủ đề',
    category: 'Chuyên mục',
    author: 'Tác giả',
    source: 'Nguồn',
    published: 'Đăng ngày',
    search: 'Tìm kiếm',
    searchPlaceholder: 'Từ khóa, có dấu hoặc không dấu',
    searchResults: (n, q) => `${fmt('vi').format(n)} bài cho “${q}”`,
    nothing: 'Chưa có bài nào.',
    readIn: 'Đọc bằng',
    part: (n) => `Phần ${fmt('vi').format(n)}`,
    moreParts: (n) => `${fmt('vi').format(n)} phần khác của loạt bài chưa có bản dịch sang ngôn ngữ này.`,
    sameSeries: 'Cùng loạt bài',
    sameTopic: 'Cùng chủ đề',
    sameCategory: 'Cùng chuyên mục',
    sameAuthor: 'Cùng tác giả',
    comments: 'Bình luận',
    noComments: 'Chưa có bình luận.',
    writeComment: 'Viết bình luận',
    yourName: 'Tên của bạn',
    yourComment: 'Nội dung',
    send: 'Gửi bình luận',
    commentPending: 'Cảm ơn bạn. Bình luận sẽ hiện sau khi được biên tập viên duyệt.',
    opinion: 'Gửi ý kiến của bạn về bài viết',
    opinionHint: 'Góp ý, phản ánh gửi tới cấp ủy qua kênh giám sát; có thể gửi ẩn danh.',
    consultations: 'Lấy ý kiến của xã, phường',
    consultationsNone: 'Hiện chưa có cuộc lấy ý kiến nào đang mở ở đây.',
    consultationsDecided: 'Kết quả và quyết định của các cuộc lấy ý kiến vừa qua',
    yourCommune: 'Xã, phường của bạn',
    communeOfArticle: '— Theo nơi đăng bài —',
    show: 'Xem',
    consultationsIn: (c) => `Đang lấy ý kiến ở ${c} và các thôn, tổ dân phố`,
    contest: { title: 'Hội thi Bí thư chi bộ giỏi', results: (y) => `Kết quả Hội thi năm ${y}` },
    decisions: {
      title: 'Kết quả lấy ý kiến và quyết định',
      titleIn: (c) => `Kết quả lấy ý kiến và quyết định ở ${c}`,
      intro: 'Các cuộc lấy ý kiến đã kết thúc: tỷ lệ tham gia, mức đồng thuận, quyết định được đưa ra và việc thực hiện tiếp theo.',
      allCommunes: 'Tất cả các xã, phường',
      none: 'Chưa có cuộc lấy ý kiến nào đã có quyết định.',
      question: 'Câu hỏi',
      participation: (p, e, pct) => `Tham gia: ${p}/${e}${pct ? ` (${pct}%)` : ''}`,
      level: 'Mức đồng thuận',
      levels: { consensus: 'Đồng thuận', majority: 'Đa số', none: 'Chưa đồng thuận', low_turnout: 'Không đủ người tham gia' },
      decision: 'Quyết định',
      followUp: 'Thực hiện tiếp theo',
      decidedOn: (d) => `Quyết định ngày ${d}`,
      details: 'Xem chi tiết kết quả',
      allDecisions: 'Tất cả kết quả lấy ý kiến',
    },
    views: (n) => `${fmt('vi').format(n)} lượt đọc`,
    feed: 'Nguồn tin RSS',
    older: 'Cũ hơn',
    newer: 'Mới hơn',
    notFound: 'Không tìm thấy trang',
    notFoundHint: 'Bài viết không có hoặc chưa đăng.',
    notInLang: 'Bài này chưa có bản bằng ngôn ngữ bạn chọn. Có thể đọc bằng:',
    badRequest: 'Yêu cầu không hợp lệ',
    tooMany: 'Bạn đã gửi quá nhiều bình luận. Vui lòng thử lại sau ít phút.',
    errors: { name: 'Vui lòng nhập tên (tối đa 80 ký tự).', body: 'Nội dung bình luận cần từ 2 đến 2.000 ký tự.', q: 'Từ khóa không hợp lệ.', xa: 'Xã, phường đã chọn không có trong danh sách. Vui lòng chọn lại.' },
    error: 'Có lỗi',
  },
  en: {
    langName: 'English',
    site: 'Party-building news portal',
    tagline: 'A strong Party comes from every strong party cell',
    home: 'Home',
    latest: 'Latest',
    series: 'Series',
    topic: 'Topic',
    category: 'Category',
    author: 'Author',
    source: 'Source',
    published: 'Published',
    search: 'Search',
    searchPlaceholder: 'Words, with or without diacritics',
    searchResults: (n, q) => `${fmt('en').format(n)} articles for “${q}”`,
    nothing: 'No articles yet.',
    readIn: 'Read in',
    part: (n) => `Part ${fmt('en').format(n)}`,
    moreParts: (n) => `${fmt('en').format(n)} more parts of this series are not translated into this language yet.`,
    sameSeries: 'In the same series',
    sameTopic: 'On the same topic',
    sameCategory: 'In the same category',
    sameAuthor: 'By the same author',
    comments: 'Comments',
    noComments: 'No comments yet.',
    writeComment: 'Write a comment',
    yourName: 'Your name',
    yourComment: 'Comment',
    send: 'Send comment',
    commentPending: 'Thank you. Your comment will appear once an editor has approved it.',
    opinion: 'Send your opinion on this article',
    opinionHint: 'Suggestions and reports go to the party committee through the supervision channel; you may stay anonymous.',
    consultations: 'Consultations in your commune',
    consultationsNone: 'No consultation is open here at the moment.',
    consultationsDecided: 'Results and decisions of recent consultations',
    yourCommune: 'Your commune or ward',
    communeOfArticle: '— Where the article is from —',
    show: 'Show',
    consultationsIn: (c) => `Open in ${c} and its villages`,
    contest: { title: 'The excellent party cell secretary contest', results: (y) => `Results of the ${y} contest` },
    decisions: {
      title: 'Consultation results and decisions',
      titleIn: (c) => `Consultation results and decisions in ${c}`,
      intro: 'Consultations that have closed: participation, the consensus level, the decision taken and its follow-up.',
      allCommunes: 'All communes and wards',
      none: 'No consultation has a decision yet.',
      question: 'Question',
      participation: (p, e, pct) => `Participation: ${p} of ${e}${pct ? ` (${pct}%)` : ''}`,
      level: 'Consensus level',
      levels: { consensus: 'Consensus', majority: 'Majority', none: 'No consensus', low_turnout: 'Not enough participation' },
      decision: 'Decision',
      followUp: 'Follow-up',
      decidedOn: (d) => `Decided on ${d}`,
      details: 'Full result',
      allDecisions: 'All consultation results',
    },
    views: (n) => `${fmt('en').format(n)} reads`,
    feed: 'RSS feed',
    older: 'Older',
    newer: 'Newer',
    notFound: 'Page not found',
    notFoundHint: 'The article does not exist or is not published.',
    notInLang: 'This article is not available in the language you chose. Read it in:',
    badRequest: 'Invalid request',
    tooMany: 'You have sent too many comments. Please try again in a few minutes.',
    errors: { name: 'Please give a name (up to 80 characters).', body: 'A comment needs 2 to 2,000 characters.', q: 'The search words are not valid.', xa: 'The commune chosen is not in the list. Please choose again.' },
    error: 'Error',
  },
  fa: {
    langName: 'فارسی',
    site: 'پایگاه خبری حزب‌سازی',
    tagline: 'حزب نیرومند از هر حوزهٔ حزبی نیرومند',
    home: 'صفحهٔ اصلی',
    latest: 'تازه‌ها',
    series: 'مجموعه',
    topic: 'موضوع',
    category: 'دسته',
    author: 'نویسنده',
    source: 'منبع',
    published: 'تاریخ انتشار',
    search: 'جستجو',
    searchPlaceholder: 'کلیدواژه',
    searchResults: (n, q) => `${fmt('fa').format(n)} مقاله برای «${q}»`,
    nothing: 'هنوز مقاله‌ای نیست.',
    readIn: 'خواندن به',
    part: (n) => `بخش ${fmt('fa').format(n)}`,
    moreParts: (n) => `${fmt('fa').format(n)} بخش دیگر این مجموعه هنوز به این زبان ترجمه نشده است.`,
    sameSeries: 'از همین مجموعه',
    sameTopic: 'با همین موضوع',
    sameCategory: 'در همین دسته',
    sameAuthor: 'از همین نویسنده',
    comments: 'دیدگاه‌ها',
    noComments: 'هنوز دیدگاهی نیست.',
    writeComment: 'نوشتن دیدگاه',
    yourName: 'نام شما',
    yourComment: 'دیدگاه',
    send: 'ارسال دیدگاه',
    commentPending: 'سپاس. دیدگاه شما پس از تأیید ویراستار نمایش داده می‌شود.',
    opinion: 'نظر خود را دربارهٔ این مقاله بفرستید',
    opinionHint: 'پیشنهادها و گزارش‌ها از راه کانال نظارت به کمیتهٔ حزبی می‌رسد؛ می‌توانید ناشناس بمانید.',
    consultations: 'نظرخواهی‌های کمون شما',
    consultationsNone: 'در حال حاضر هیچ نظرخواهی بازی در اینجا نیست.',
    consultationsDecided: 'نتیجه و تصمیم نظرخواهی‌های اخیر',
    yourCommune: 'کمون یا بخش شما',
    communeOfArticle: '— محل انتشار مقاله —',
    show: 'نمایش',
    consultationsIn: (c) => `نظرخواهی‌های باز در ${c} و روستاهای آن`,
    contest: { title: 'مسابقه دبیر نمونه حوزه حزبی', results: (y) => `نتایج مسابقه سال ${y}` },
    decisions: {
      title: 'نتایج نظرخواهی و تصمیم‌ها',
      titleIn: (c) => `نتایج نظرخواهی و تصمیم‌ها در ${c}`,
      intro: 'نظرخواهی‌های پایان‌یافته: میزان مشارکت، سطح اجماع، تصمیم گرفته‌شده و پیگیری آن.',
      allCommunes: 'همه کمون‌ها و بخش‌ها',
      none: 'هنوز هیچ نظرخواهی‌ای تصمیم ندارد.',
      question: 'پرسش',
      participation: (p, e, pct) => `مشارکت: ${p} از ${e}${pct ? ` (${pct}٪)` : ''}`,
      level: 'سطح اجماع',
      levels: { consensus: 'اجماع', majority: 'اکثریت', none: 'بدون اجماع', low_turnout: 'مشارکت ناکافی' },
      decision: 'تصمیم',
      followUp: 'پیگیری',
      decidedOn: (d) => `تصمیم در ${d}`,
      details: 'نتیجه کامل',
      allDecisions: 'همه نتایج نظرخواهی',
    },
    views: (n) => `${fmt('fa').format(n)} بار خوانده شده`,
    feed: 'خوراک RSS',
    older: 'قدیمی‌تر',
    newer: 'جدیدتر',
    notFound: 'صفحه پیدا نشد',
    notFoundHint: 'این مقاله وجود ندارد یا منتشر نشده است.',
    notInLang: 'این مقاله به زبانی که برگزیدید موجود نیست. خواندن به:',
    badRequest: 'درخواست نامعتبر',
    tooMany: 'شما دیدگاه‌های زیادی فرستاده‌اید. لطفاً چند دقیقهٔ دیگر دوباره بکوشید.',
    errors: { name: 'لطفاً نامی بنویسید (حداکثر ۸۰ نویسه).', body: 'دیدگاه باید ۲ تا ۲٬۰۰۰ نویسه باشد.', q: 'کلیدواژه معتبر نیست.', xa: 'کمون برگزیده در فهرست نیست. لطفاً دوباره برگزینید.' },
    error: 'خطا',
  },
};

export const dateIn = (lang: PortalLang, d: Date) =>
  new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : lang === 'fa' ? 'fa-IR' : 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' }).format(d);
