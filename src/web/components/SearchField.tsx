import { TextInput } from '@mantine/core';

interface Props {
  label: string;
  placeholder: string;
  value: string;
  onChange: (text: string) => void;
  /** Width from the small breakpoint up; full width on a phone. */
  width: number;
  testId: string;
}

/** The search box above a list: full width on a phone, fixed beside the filters on a wider screen. */
export function SearchField({ label, placeholder, value, onChange, width, testId }: Props) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      type="search"
      w={{ base: '100%', sm: width }}
      data-testid={testId}
    />
  );
}
