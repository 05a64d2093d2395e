/**
 * Parser for /proc/net/unix: "Num RefCount Protocol Flags Type St Inode [Path]". The path is
 * the rest of the line (it may hold spaces); an abstract name starts with '@'. Peers are not in
 * this file: they come from the kernel's sock_diag answer, which `ss -x` prints (ssParse.ts).
 */
import type { RawUnixSocket } from '../../../common/model/collected';
import type { UnixState, UnixType } from '../../../common/model/model';

const TYPES: Record<string, UnixType> = { '0001': 'stream', '0002': 'dgram', '0005': 'seqpacket' };
/** socket.h SS_* states; __SO_ACCEPTCON (0x10000) in Flags marks a listener. */
const STATES: Record<string, UnixState> = {
  '01': 'UNCONN',
  '02': 'CONNECTING',
  '03': 'ESTABLISHED',
  '04': 'DISCONNECTING',
};
const SO_ACCEPTCON = 0x10000;

export function parseProcNetUnix(text: string): { sockets: RawUnixSocket[]; malformed: number } {
  const sockets: RawUnixSocket[] = [];
  let malformed = 0;
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const m =
      /^\s*[0-9a-fA-F]+:\s+[0-9a-fA-F]+\s+[0-9a-fA-F]+\s+([0-9a-fA-F]+)\s+([0-9a-fA-F]{4})\s+([0-9a-fA-F]{2})\s+(\d+)(?: (.*))?$/.exec(
        line,
      );
    const type = m ? TYPES[m[2]!] : undefined;
    if (!m || !type) {
      // Unknown types (none today) are skipped like malformed lines, and counted.
      malformed++;
      continue;
    }
    const listening = (parseInt(m[1]!, 16) & SO_ACCEPTCON) !== 0;
    sockets.push({
      type,
      state: listening ? 'LISTEN' : (STATES[m[3]!] ?? 'UNCONN'),
      path: m[5] ? m[5] : null,
      inode: Number(m[4]),
      peerInode: null,
      pid: null,
      pids: [],
    });
  }
  return { sockets, malformed };
}
