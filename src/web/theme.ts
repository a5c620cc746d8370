import { type CSSVariablesResolver, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';

// Contrast (WCAG 2.1 AA, 4.5:1 for text), once for the whole app. Mantine's defaults fall short: the dimmed
// grey #868e96 on white is 3.32:1, red #fa5252 links 3.28:1, white on the filled badges of shade 6 (red 3.28,
// orange 3.61, green 2.36). So filled colours, links and `c="red"` text use shade 8 (`primaryShade`), and in
// every palette shades 8 and 9 (9 is the text of the light variant, on shade 1) are darkened until they reach
// 4.7:1 on white, on the striped rows (gray 0/1) and on the light variant's background. Checked with axe-core in
// e2e/accessibility.test.ts; the numbers come from Mantine's own palettes, darkened in steps of 2 %.
const darker: Record<string, [string, string]> = {
  red: ['#c12a2a', '#b02525'],
  pink: ['#be245a', '#a61e4d'],
  grape: ['#9634ae', '#862e9c'],
  indigo: ['#3957d2', '#364fc7'],
  blue: ['#1766af', '#1864ab'],
  cyan: ['#0a7284', '#0b6879'],
  teal: ['#077855', '#066a4b'],
  green: ['#247834', '#1f662c'],
  lime: ['#47760b', '#3f650a'],
  yellow: ['#9e5c00', '#8a5000'],
  orange: ['#b04409', '#9c3c08'],
};

const colors = Object.fromEntries(
  Object.entries(darker).map(([name, [s8, s9]]) => {
    const p = [...DEFAULT_THEME.colors[name]];
    p[8] = s8;
    p[9] = s9;
    return [name, p as unknown as MantineColorsTuple];
  }),
);

/** Secondary text (`c="dimmed"`): 6.0:1 on white, 5.5:1 on gray 1 (Mantine's #868e96 is 3.32:1). */
export const DIMMED = '#5c636a';

/** The theme; `closeLabel` names the close button of every dialog (Mantine's has no name of its own). */
export function makeTheme(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return createTheme({
    primaryColor: 'red',
    primaryShade: { light: 8, dark: 8 },
    colors,
    // Filled variants choose black or white text by the background's luminance (yellow, lime get black).
    autoContrast: true,
    defaultRadius: 'sm',
    components: {
      // Plain objects, not Modal.extend/Drawer.extend: naming the components here put Modal, Drawer and what they
      // use (focus trap, scroll lock, overlay, transitions) into the first load of every page, public ones included.
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
    },
  });
}

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': DIMMED, '--mantine-color-placeholder': DIMMED },
  dark: {},
});
