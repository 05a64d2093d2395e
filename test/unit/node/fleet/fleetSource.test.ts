import { describe, expect, it } from 'vitest';
import { parseFleetSource, parseSourceList, redactSource } from '../../../../src/node/fleet/fleetSource';

describe('fleet sources', () => {
  it('redacts token= (and code=) wherever it is in the query, and nothing else', () => {
    expect(redactSource('http://h:7777/?token=abc&x=1')).toBe('http://h:7777/?token=***&x=1');
    expect(redactSource('http://h/?x=1&TOKEN=abc#f')).toBe('http://h/?x=1&TOKEN=***#f');
    expect(redactSource('http://h/?code=zz')).toBe('http://h/?code=***');
    expect(redactSource('/srv/token=x.json')).toBe('/srv/token=x.json');
  });

  it('always asks /v1/snapshot of the origin, the token apart; files are paths', () => {
    expect(parseFleetSource(' http://10.0.0.5:7777/some/page?token=t0k&x=1 ')).toEqual({
      kind: 'http',
      url: 'http://10.0.0.5:7777/v1/snapshot',
      token: 't0k',
      shown: 'http://10.0.0.5:7777/some/page?token=***&x=1',
    });
    expect(parseFleetSource('db.json')).toEqual({ kind: 'file', path: 'db.json', shown: 'db.json' });
    expect(parseFleetSource('ftp://h/x')).toEqual({ error: expect.stringMatching(/only http/) });
    expect(parseFleetSource('http://u:p@h/')).toEqual({ error: expect.stringMatching(/credentials/) });
    expect(parseFleetSource('http://[/?token=s')).toEqual({ error: 'not a valid URL' });
  });

  it('reads a list: one per line, blank lines and # comments skipped, # inside a URL kept', () => {
    expect(parseSourceList('# fleet\n\nhttp://a/?token=x#frag\r\n b.json  # yesterday\n#c.json\n')).toEqual([
      'http://a/?token=x#frag',
      'b.json',
    ]);
  });
});
