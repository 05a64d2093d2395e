/** The app's MUI theme, light or dark as the system prefers. */
import { createTheme } from '@mui/material/styles';

export function appTheme(dark: boolean) {
  return createTheme({
    palette: { mode: dark ? 'dark' : 'light', primary: { main: '#0d6e8a' }, secondary: { main: '#c2453a' } },
    components: {
      // Every tooltip here is a plain hint. Interactive (MUI's default), one stays open while the
      // pointer is on it and takes the clicks meant for what it covers — a quick chip's hint
      // sits over the tabs, which then could not be clicked (seen in the DNS end-to-end test).
      MuiTooltip: { defaultProps: { disableInteractive: true } },
      // The live-refresh marks of SnapshotGrid's rows.
      MuiDataGrid: {
        styleOverrides: {
          root: {
            '& .row-new': { backgroundColor: dark ? 'rgba(46,160,67,0.25)' : 'rgba(46,160,67,0.18)' },
            '& .row-gone': { backgroundColor: dark ? 'rgba(218,54,51,0.2)' : 'rgba(218,54,51,0.12)', opacity: 0.6 },
          },
        },
      },
    },
  } as Parameters<typeof createTheme>[0]);
}
