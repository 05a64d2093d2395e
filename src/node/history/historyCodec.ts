/** How ticks and events are stored: JSON, gzip'd for ticks (a 20k-socket keyframe is ~5 MB of JSON). */
import { gunzipSync, gzipSync } from 'node:zlib';

export function packJson(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value), { level: 6 });
}

export function unpackJson<T>(body: Uint8Array): T {
  return JSON.parse(gunzipSync(body).toString('utf8')) as T;
}
