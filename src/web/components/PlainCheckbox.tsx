// A checkbox as the browser draws it, with a label beside it: for the public report form, where Mantine's Checkbox
// (with its icon and inline-input frame, ≈ 3.5 KB gzipped) would be in the first load only for two boxes (issue 14,
// bench/bundle.ts). Props (checked, onChange, data-testid) go to the <input>, as with Mantine's Checkbox.
import { Group, Text } from '@mantine/core';
import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react';

export function PlainCheckbox({ label, className, ...rest }: Omit<ComponentPropsWithoutRef<'input'>, 'type'> & { label: ReactNode }) {
  const id = useId();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" className={className}>
      <input
        {...rest}
        type="checkbox"
        id={id}
        style={{ width: 20, height: 20, margin: '1px 0 0', flex: 'none', accentColor: 'var(--mantine-primary-color-filled)', cursor: 'pointer' }}
      />
      <Text component="label" htmlFor={id} size="sm" style={{ cursor: 'pointer' }}>
        {label}
      </Text>
    </Group>
  );
}
