import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render.js';

describe('portal: article bodies', () => {
  it('shows raw HTML as text, never as markup', () => {
    const out = renderMarkdown('Xin chào <script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>');
    expect(out).not.toMatch(/<script|<img|<a /i);
    expect(out).toContain('&lt;script&gt;');
  });
  it('refuses script links and keeps web links', () => {
    const out = renderMarkdown('[a](javascript:alert(1)) [b](https://example.org/x) [c](data:text/html;base64,PHNjcmlwdD4=)');
    expect(out).not.toMatch(/href="(javascript|data):/);
    expect(out).toContain('<a href="https://example.org/x" rel="nofollow noopener">b</a>');
  });
  it('renders the portal\'s own images with their caption, and only those', () => {
    const own = renderMarkdown('![Sinh hoạt chi bộ thôn Nà Khà](/tin/anh/0b0b0b0b-1111-2222-3333-444455556666)');
    expect(own).toContain('<figure><img src="/tin/anh/0b0b0b0b-1111-2222-3333-444455556666" alt="Sinh hoạt chi bộ thôn Nà Khà"');
    expect(own).toContain('<figcaption>Sinh hoạt chi bộ thôn Nà Khà</figcaption>');
    const foreign = renderMarkdown('![tracker](https://tracker.example/pixel.gif) ![x" onerror="alert(1)](/tin/anh/0b0b0b0b-1111-2222-3333-444455556666)');
    expect(foreign).not.toContain('tracker.example');
    expect(foreign).not.toMatch(/onerror="/);
  });
  it('keeps headings, lists and emphasis', () => {
    expect(renderMarkdown('## Tiêu đề\n\n- một\n- **hai**')).toBe('<h2>Tiêu đề</h2>\n<ul>\n<li>một</li>\n<li><strong>hai</strong></li>\n</ul>\n');
  });
});
