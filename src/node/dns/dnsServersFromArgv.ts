/**
 * `--dns-server HOST[:PORT]` (repeatable, or `--dns-server=…`) from the desktop app's command
 * line; a bad one is reported and skipped rather than stopping the app from starting.
 */
import { parseDnsServer } from '../../common/dns/dnsServerSpec';

export function dnsServersFromArgv(argv: string[], warn: (message: string) => void): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let spec: string | undefined;
    if (arg === '--dns-server') spec = argv[++i];
    else if (arg.startsWith('--dns-server=')) spec = arg.slice('--dns-server='.length);
    else continue;
    const parsed = spec === undefined ? { error: '--dns-server needs HOST[:PORT]' } : parseDnsServer(spec);
    if ('error' in parsed) warn(`ignoring --dns-server: ${parsed.error}`);
    else out.push(parsed.text);
  }
  return out;
}
