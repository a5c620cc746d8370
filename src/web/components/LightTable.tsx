// A plain HTML table with Mantine's table look, for the public pages. Mantine's `Table` carries its ScrollContainer,
// and with it ScrollArea and floating-ui (≈ 15 KB gzipped), into every page that imports it; a public page needs
// none of that (issue 14: the public pages lighter than the app; bench/bundle.ts).
import type { ComponentPropsWithoutRef } from 'react';
import './light-table.css';

export interface LightTableProps extends ComponentPropsWithoutRef<'table'> {
  striped?: boolean;
  /** A border around the table. */
  withBorder?: boolean;
  /** Lines between rows (as Mantine's default). */
  withRowBorders?: boolean;
  /** Vertical padding of the cells, in px. */
  verticalSpacing?: number;
  /** Below this width the table scrolls inside its own box (as Table.ScrollContainer), never the page. */
  minWidth?: number;
}

export function LightTable({ striped, withBorder, withRowBorders = true, verticalSpacing, minWidth, className, style, ...rest }: LightTableProps) {
  const table = (
    <table
      {...rest}
      className={className ? `light-table ${className}` : 'light-table'}
      data-striped={striped || undefined}
      data-border={withBorder || undefined}
      data-row-borders={withRowBorders || undefined}
      style={{ ...(verticalSpacing !== undefined ? { '--light-table-vspace': `${verticalSpacing}px` } : {}), ...(minWidth ? { minWidth } : {}), ...style }}
    />
  );
  // The scrolling box takes the focus, so a keyboard can scroll it (axe: scrollable-region-focusable).
  return minWidth ? (
    <div className="light-table-scroll" tabIndex={0}>
      {table}
    </div>
  ) : (
    table
  );
}
