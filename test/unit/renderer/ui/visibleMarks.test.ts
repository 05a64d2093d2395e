/**
 * Anyone's text with its invisible controls shown as marks where issue 18's first round left it
 * raw: a DNS record's value and name (rendered to HTML with React's server renderer, as the DNS
 * tab draws them). The filter menus, the Map arrows' tooltips and the browser's file picker are
 * checked in Chromium: test/e2e/visibleMarks.test.ts.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DnsResult } from '../../../../src/common/dns/dnsModel';
import { visibleText } from '../../../../src/renderer/src/ui/visibleText';

// A .tsx module: loaded at run time (vitest compiles it) so that the Node-typed test project,
// which has no JSX or DOM types, does not type-check the component.
const SECTION = '../../../../src/renderer/src/dns/DnsResultSection.tsx';
const { DnsResultSection } = (await import(SECTION)) as { DnsResultSection: FunctionComponent<{ result: DnsResult }> };

const result = (value: string, names: string[] = []): DnsResult =>
  ({
    query: 'x.example',
    type: 'TXT',
    server: '127.0.0.1:53',
    elapsedMs: 1,
    answers: [{ type: 'TXT', value, ttl: null }],
    error: null,
    ...(names.length ? { names: names.map((name) => ({ name, source: 'dns-ptr', confirmed: false })) } : {}),
  }) as DnsResult;

describe('marks for invisible controls', () => {
  it('in a DNS record value and a name', () => {
    const html = renderToStaticMarkup(
      createElement(DnsResultSection, { result: result('ok \u202etxt.exe\u001b[2J', ['\u202eevil.example']) }),
    );
    expect(html).toContain('ok ⟨U+202E⟩txt.exe⟨U+001B⟩[2J');
    expect(html).toContain('⟨U+202E⟩evil.example');
    expect(html.includes('\u202e') || html.includes('\u001b')).toBe(false);
  });

  it('leave ordinary text alone, emoji and CJK included', () => {
    expect(visibleText('nginx · 工作 🚀 (42)')).toBe('nginx · 工作 🚀 (42)');
    expect(visibleText('a\u2066b\u2069\u200fc')).toBe('a⟨U+2066⟩b⟨U+2069⟩⟨U+200F⟩c');
  });
});
