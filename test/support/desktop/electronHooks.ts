/**
 * Node module hooks for the desktop harness's main process: the bare specifier `electron` (and
 * only that) resolves to the stand-in. Runs on Node's loader thread (registered by mainSetup.ts).
 */
const standIn = new URL('./electron-main.mjs', import.meta.url).href;

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: unknown) => Promise<ResolveResult>;

export async function resolve(specifier: string, context: unknown, next: NextResolve): Promise<ResolveResult> {
  if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
