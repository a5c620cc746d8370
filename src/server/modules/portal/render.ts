// Article bodies are Markdown, rendered with markdown-it with raw HTML OFF: a tag typed by an editor (or pasted
// from elsewhere) comes out as text, never as markup; links keep markdown-it's check (no javascript:, vbscript:,
// file: or data: other than images), and images are only the portal's own (/tin/anh/<id>), each in a figure with
// its caption (the image's alt text, written per translation).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
export const IMAGE_PREFIX = '/tin/anh/';
const OWN_IMAGE = /^\/tin\/anh\/[0-9a-f-]{36}$/;

md.renderer.rules.image = (tokens, idx, _options, _env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  const caption = self.renderInlineAsText(token.children ?? [], _options, _env);
  const esc = md.utils.escapeHtml;
  if (!OWN_IMAGE.test(src)) return esc(caption);
  return `<figure><img src="${esc(src)}" alt="${esc(caption)}" loading="lazy" decoding="async">${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
};

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = tokens[idx]!.attrGet('href') ?? '';
  if (/^https?:\/\//i.test(href)) tokens[idx]!.attrSet('rel', 'nofollow noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export const renderMarkdown = (source: string): string => md.render(source);

/** The plain text of Markdown (for search and summaries): no markup. */
export function markdownText(source: string): string {
  return source
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
