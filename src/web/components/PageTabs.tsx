import { Tabs } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface PageTab {
  value: string;
  label: ReactNode;
  /** The test hook of the tab (`data-testid`). */
  testId?: string;
  panel: ReactNode;
}

interface Props {
  tabs: PageTab[];
  /** The tab shown first (and when the URL names none). */
  initial: string;
  /** Keep the chosen tab in the URL's `tab` parameter, so a link or the back button opens it again. */
  inUrl?: boolean;
}

/** The tabs of a page: a label and a panel each; a panel is mounted only while it is shown. */
export function PageTabs({ tabs, initial, inUrl = false }: Props) {
  const [params, setParams] = useSearchParams();
  const [chosen, choose] = useState(initial);
  const tab = inUrl ? (params.get('tab') ?? initial) : chosen;
  const onChange = (value: string | null) => {
    if (!inUrl) return choose(value ?? initial);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set('tab', value ?? initial);
      return next;
    });
  };
  return (
    <Tabs value={tab} onChange={onChange} keepMounted={false}>
      <Tabs.List style={{ flexWrap: 'wrap' }}>
        {tabs.map((t) => (
          <Tabs.Tab key={t.value} value={t.value} data-testid={t.testId}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Panel key={t.value} value={t.value} pt="md">
          {t.panel}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
