import { describe, expect, it } from 'vitest';
import { processLabel } from '../../../../src/common/derive/processLabel';

const label = (name: string, cmdline: string | null, cwd: string | null = null) => processLabel({ name, cmdline, cwd });

describe('processLabel', () => {
  it('names a node process by its project when the entry point is generic', () => {
    expect(label('node', 'node server.js', '/srv/my-api')).toBe('node · my-api');
    expect(label('node', 'node dist/index.js', '/home/ann/code/billing')).toBe('node · billing');
    expect(label('node', 'node /opt/shop/src/main.js', '/')).toBe('node · shop');
  });
  it('names it by the script when the script has a name of its own', () => {
    expect(label('node', 'node --enable-source-maps worker-queue.mjs', '/srv/x')).toBe('node · worker-queue');
    expect(label('node', 'node -r dotenv/config scripts/migrate.js', '/srv/x')).toBe('node · migrate');
  });
  it('handles python modules, java jars and main classes', () => {
    expect(label('python3', 'python3 -m http.server 8000')).toBe('python3 · http.server');
    expect(label('python3.11', '/usr/bin/python3.11 manage.py runserver', '/srv/blog')).toBe('python3.11 · blog');
    expect(label('java', 'java -Xmx1g -jar /opt/kafka/kafka.jar')).toBe('java · kafka');
    expect(label('java', 'java -cp lib/* org.example.ApiServer')).toBe('java · ApiServer');
  });
  it('names npm runs by project', () => {
    expect(label('node', 'node /usr/lib/node_modules/npm/bin/npm-cli.js run dev', '/srv/front')).toBe('npm · front');
  });
  it('reads the title a forking daemon gave each process', () => {
    expect(label('nginx', 'nginx: master process /usr/sbin/nginx -g daemon on; master_process on;')).toBe(
      'nginx · master',
    );
    expect(label('nginx', 'nginx: worker process')).toBe('nginx · worker');
    expect(label('nginx', 'nginx: cache manager process')).toBe('nginx · cache manager');
    expect(label('sshd', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups')).toBe('sshd · listener');
    expect(label('sshd', 'sshd: root@notty')).toBe('sshd · root@notty');
    expect(label('postgres', 'postgres: 16/main: checkpointer ')).toBe('postgres · checkpointer');
    expect(label('postgres', 'postgres: checkpointer')).toBe('postgres · checkpointer');
    // A plain command line is not a title.
    expect(label('nginx', '/usr/sbin/nginx -g daemon off;')).toBe('nginx');
    expect(label('sshd', '/usr/sbin/sshd -D')).toBe('sshd');
  });
  it('keeps other processes as they are', () => {
    expect(label('sshd', null)).toBe('sshd');
    expect(label('node', null)).toBe('node');
    expect(label('node', 'node', '/srv/repl')).toBe('node · repl');
  });
});
