/**
 * The command line a new user meets: filter values starting with '-', one-line errors on stderr,
 * usage on stderr for bad usage (exit 2), and `sockeye help COMMAND`.
 */
import { describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../src/common/model/model';
import { runCli } from '../support/runCli';

const oneLine = (text: string) => text.trimEnd().split('\n').length === 1;

describe('sockeye usage', () => {
  it("takes the README's NOT syntax as a filter value: --filter '-state:time_wait'", async () => {
    const r = await runCli(['snapshot', '--json', '--filter', '-state:time_wait']);
    expect(r.stderr).not.toMatch(/ambiguous|option argument/);
    expect(r.code).toBe(0);
    const snap = SnapshotSchema.parse(JSON.parse(r.stdout));
    expect(snap.sockets.some((s) => s.state === 'TIME_WAIT')).toBe(false);
    // -o takes a value starting with '-' too; --filter=… still works.
    const inline = await runCli(['snapshot', '--json', '--filter=-state:time_wait']);
    expect(inline.code).toBe(0);
  });

  it.each([
    [['snapshot', '--bogus'], /^sockeye: unknown option '--bogus' \(see 'sockeye snapshot --help'\)$/],
    [['snapshot', '--filter'], /^sockeye: option '--filter' needs a value \(see 'sockeye snapshot --help'\)$/],
    [['snapshot', '--json', '--csv'], /^sockeye: choose one of --json, --csv, --html$/],
    [['snapshot', '--filter', 'prot:tcp'], /^sockeye: bad filter at column 1 .*did you mean `proto:`\?$/],
    [['dns', 'lookup', 'a', '--type'], /^sockeye: option '--type' needs a value/],
    [['bogus'], /^sockeye: unknown command 'bogus'/],
    [['help', 'bogus'], /^sockeye: no help for 'bogus'/],
  ])('%j fails with one line on stderr and exit 2', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('prints the usage on stderr with exit 2 when no command is given', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage: sockeye <command>/);
  });

  it('sockeye help snapshot prints the snapshot help, as --help does', async () => {
    const r = await runCli(['help', 'snapshot']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: sockeye snapshot /);
    expect(r.stdout).toBe((await runCli(['snapshot', '--help'])).stdout);
  });
});
