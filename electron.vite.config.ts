import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/electron-main/index.ts'),
          snapshotWorker: resolve(__dirname, 'src/node/snapshot/snapshotWorker.ts'),
          procfsHelper: resolve(__dirname, 'src/node/collectors/procfs/procfsHelperWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only electron, events, timers and url: everything else it
      // uses (zod, through the shared API table) is bundled into it. Caught by the desktop harness.
      externalizeDeps: false,
      // Sandboxed preloads must be CommonJS.
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative asset URLs: the same build is loaded from file:// by Electron and over HTTP by `sockeye serve`.
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
