/** The app's MUI theme, light or dark as the system prefers. */
import { createTheme } from '@mui/material/styles';

export function appTheme(dark: boolean) {
  return createTheme({
    // Secondary (the role Both) is purple: red reads as an error, and Both is not one.
    // Colours chosen for WCAG AA (4.5:1) text, checked by axe-core in both schemes
    // (test/e2e/accessibility.test.ts): MUI's default info and warning are too light on white
    // and its 3:1 threshold picks white text on light chips.
    palette: {
      mode: dark ? 'dark' : 'light',
      contrastThreshold: 4.5,
      primary: { main: dark ? '#5ab8d6' : '#0d6e8a' },
      secondary: { main: dark ? '#c39be0' : '#7b4fa0' },
      ...(dark ? {} : { info: { main: '#075985' }, warning: { main: '#92400e' }, success: { main: '#1b5e20' } }),
    },
    components: {
      // Every tooltip here is a plain hint. Interactive (MUI's default), one stays open while the
      // pointer is on it and takes the clicks meant for what it covers — a quick chip's hint
      // sits over the tabs, which then could not be clicked (seen in the DNS end-to-end test).
      MuiTooltip: { defaultProps: { disableInteractive: true } },
      // The live-refresh marks of SnapshotGrid's rows.
      MuiDataGrid: {
        styleOverrides: {
          root: {
            // Light tints and no fading: a faded row's text failed WCAG contrast (axe-core);
            // a gone row reads as gone by its red tint and italics instead.
            '& .row-new': { backgroundColor: 'rgba(46,160,67,0.12)' },
            '& .row-gone': {
              backgroundColor: dark ? 'rgba(218,54,51,0.12)' : 'rgba(218,54,51,0.08)',
              fontStyle: 'italic',
            },
          },
        },
      },
    },
  } as Parameters<typeof createTheme>[0]);
}
