import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

/** Real OpenVPN (and other long-running tool) processes for the tests: spawn, read their output, stop them. */

/** A process whose output the test reads. */
export interface Watched {
  child: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<boolean>;
  exited: Promise<number | null>;
}

export function watch(cmd: string, args: string[], cwd?: string): Watched {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const done = (v: boolean) => {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(v);
        };
        const check = () => {
          if (pattern.test(out)) done(true);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        timer.unref();
        listeners.add(check);
        void exited.then(() => done(pattern.test(out)));
        check();
      }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function stop(w: Watched | null): Promise<void> {
  if (!w) return;
  if (w.child.exitCode === null && w.child.signalCode === null) {
    w.child.kill('SIGTERM');
    await Promise.race([w.exited, sleep(3000)]);
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  }
  w.child.stdout?.destroy();
  w.child.stderr?.destroy();
  w.child.unref();
}

/** Occurrences of a pattern in a text (how many times the p2p server started listening). */
export function count(text: string, pattern: RegExp): number {
  return (text.match(new RegExp(pattern.source, 'g')) ?? []).length;
}

/**
 * A point-to-point OpenVPN gateway on 127.0.0.1 (no tun: `--dev null`, TCP) that checks stations against the CA
 * and the CRL file, with `server.pem` / `server.key` already in `dir`. Resolves once it listens.
 */
export async function startLoopbackGateway(dir: string, caFile: string, crlFile: string): Promise<{ server: Watched; port: number }> {
  const port = await freePort();
  const server = watch('openvpn', [
    '--tls-server',
    '--dev',
    'null',
    '--proto',
    'tcp-server',
    '--local',
    '127.0.0.1',
    '--lport',
    String(port),
    '--ca',
    caFile,
    '--cert',
    path.join(dir, 'server.pem'),
    '--key',
    path.join(dir, 'server.key'),
    '--dh',
    'none',
    '--crl-verify',
    crlFile,
    '--remote-cert-tls',
    'client',
    '--verb',
    '3',
  ]);
  if (!(await server.waitFor(/Listening for incoming TCP connection/, 15_000))) {
    throw new Error(`the gateway did not start:\n${server.output()}`);
  }
  return { server, port };
}
