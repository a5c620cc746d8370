import { Button, type ButtonProps, Progress, Stack, Text } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

interface Props extends Omit<ButtonProps, 'onClick' | 'component'> {
  /** The file's URL (`apiUrl(...)`, or a concrete path such as `/api/meetings/<id>/minutes.pdf`). */
  href: string;
  children: ReactNode;
  'data-testid'?: string;
}

/** The file name the server gave (Content-Disposition, RFC 5987 `filename*` first). */
function fileNameOf(res: Response, href: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : (href.split('?')[0].split('/').pop() ?? 'download');
}

/**
 * A download that shows it is working: a workbook or PDF the server builds for seconds (a commune's roster, a
 * dashboard export) gets a progress bar — moving while the server prepares it, filling as the bytes arrive — and
 * a refusal is told in the page's words instead of a browser error page.
 */
export function DownloadButton({ href, children, 'data-testid': testId, ...button }: Props) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setDone(null);
    setProgress(0);
    try {
      const res = await fetch(href, { credentials: 'same-origin' });
      if (!res.ok) {
        throw toApiError(res.status, await res.json().catch(() => null));
      }
      const total = Number(res.headers.get('content-length') ?? 0);
      const chunks: Uint8Array[] = [];
      let received = 0;
      const reader = res.body?.getReader();
      while (reader) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        if (total > 0) setProgress(Math.min(99, (received / total) * 100));
      }
      const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      const name = fileNameOf(res, href);
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      setDone(name);
    } catch (err) {
      setError(err);
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={4}>
      {/* A real link (copied, opened in a new tab, saved with a right click); a plain click shows the progress. */}
      <Button
        {...button}
        component="a"
        href={href}
        onClick={(e: React.MouseEvent) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          if (progress === null) void run();
        }}
        loading={progress !== null}
        data-testid={testId}
      >
        {children}
      </Button>
      {progress !== null && (
        <Stack gap={2} data-testid="download-progress">
          <Text size="xs" c="dimmed">
            {t('common.preparingFile')}
          </Text>
          <Progress value={progress === 0 ? 100 : progress} animated={progress === 0} aria-label={t('common.preparingFile')} />
        </Stack>
      )}
      {/* The end, said: the bar is gone and the file is named (it is in the browser's downloads). */}
      {done && progress === null && (
        <Text size="xs" c="green.8" role="status" data-testid="download-done" style={{ overflowWrap: 'anywhere' }}>
          ✓ {t('common.downloadDone', { name: done })}
        </Text>
      )}
      {error ? <ErrorAlert error={error} /> : null}
    </Stack>
  );
}
