import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { stop, watch, Watched } from './openvpn';

/**
 * Network namespaces for the tests (as root): namespaces and veth pairs with names unique to this process, commands
 * and long-running programs inside them, TCP/HTTP probes from one of them, and a bridge that lets a program inside
 * a namespace reach a service listening on 127.0.0.1 of the root namespace (each namespace has its own loopback) —
 * through a unix socket, which crosses namespaces because it lives in the file system.
 * Everything a lab made is removed by `cleanup()` (call it in afterAll) and, as a last resort, when the process exits.
 */

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { timeout: options.timeoutMs ?? 30_000, env: options.env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

async function must(cmd: string, args: string[]): Promise<string> {
  const r = await run(cmd, args);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const hasCommand = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

/**
 * What the namespace tests need: root, `ip`, `nft`, `openvpn`, `curl`, /dev/net/tun and a namespace that can be made.
 * Returns the missing pieces (empty = all there).
 */
export function netnsPrerequisites(commands: string[] = ['ip', 'nft', 'openvpn', 'curl', 'openssl']): string[] {
  const missing: string[] = [];
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) missing.push('root');
  for (const c of commands) if (!hasCommand(c)) missing.push(c);
  if (!fs.existsSync('/dev/net/tun')) missing.push('/dev/net/tun');
  if (missing.length === 0) {
    const probe = `rwprobe${process.pid}`;
    const made = spawnSync('ip', ['netns', 'add', probe], { stdio: 'ignore' }).status === 0;
    if (made) spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
    else missing.push('ip netns add');
  }
  return missing;
}

/**
 * `describe` when the prerequisites are there; otherwise a warning and `describe.skip` — except under CI=true, where
 * a missing prerequisite is a failure (a test that cannot run in CI must not pass by skipping).
 */
export function describeWithNetns(title: string, body: () => void, commands?: string[]): void {
  const missing = netnsPrerequisites(commands);
  if (missing.length === 0) return describe(title, body);
  if (process.env.CI === 'true') {
    return describe(title, () => {
      it('has its prerequisites', () => {
        throw new Error(`missing under CI: ${missing.join(', ')}`);
      });
    });
  }
  console.warn(`skipping "${title}": missing ${missing.join(', ')}`);
  return describe.skip(title, body);
}

const live = new Set<NetnsLab>();
process.on('exit', () => {
  for (const lab of live) lab.cleanupSync();
});

/** One test file's namespaces, links and processes. */
export class NetnsLab {
  /** short and unique per process and lab: namespace and interface names are built from it (IFNAMSIZ is 16) */
  readonly id: string;
  private readonly namespaces: string[] = [];
  private readonly processes: Watched[] = [];
  private readonly servers: net.Server[] = [];
  private links = 0;

  constructor(tag: string) {
    this.id = `${tag.slice(0, 3)}${(process.pid % 46656).toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    live.add(this);
  }

  /** A new namespace (its loopback up); returns its name. */
  async namespace(role: string): Promise<string> {
    const name = `rw-${this.id}-${role}`;
    await must('ip', ['netns', 'add', name]);
    this.namespaces.push(name);
    await must('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    return name;
  }

  /** A veth pair between two namespaces, addressed (CIDR) and up; returns the interface names. */
  async link(a: string, aAddress: string, b: string, bAddress: string): Promise<{ a: string; b: string }> {
    this.links += 1;
    const ifA = `v${this.id}${this.links}a`.slice(-15);
    const ifB = `v${this.id}${this.links}b`.slice(-15);
    await must('ip', ['link', 'add', ifA, 'netns', a, 'type', 'veth', 'peer', 'name', ifB, 'netns', b]);
    await must('ip', ['-n', a, 'addr', 'add', aAddress, 'dev', ifA]);
    await must('ip', ['-n', b, 'addr', 'add', bAddress, 'dev', ifB]);
    await must('ip', ['-n', a, 'link', 'set', ifA, 'up']);
    await must('ip', ['-n', b, 'link', 'set', ifB, 'up']);
    return { a: ifA, b: ifB };
  }

  /** `ip -n <ns> <args>` (must succeed) */
  ip(ns: string, args: string[]): Promise<string> {
    return must('ip', ['-n', ns, ...args]);
  }

  /** A command inside the namespace; never throws on a non-zero exit. */
  exec(ns: string, cmd: string, args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<RunResult> {
    return run('ip', ['netns', 'exec', ns, cmd, ...args], options);
  }

  /** A long-running program inside the namespace (stopped by cleanup, or earlier with `stop`). */
  spawn(ns: string, cmd: string, args: string[], cwd?: string): Watched {
    const w = watch('ip', ['netns', 'exec', ns, cmd, ...args], cwd);
    this.processes.push(w);
    return w;
  }

  async stop(w: Watched): Promise<void> {
    await stop(w);
    const i = this.processes.indexOf(w);
    if (i >= 0) this.processes.splice(i, 1);
  }

  /** Can `ns` open a TCP connection to host:port within the timeout? (a firewall drop times out) */
  async tcpConnects(ns: string, host: string, port: number, timeoutMs = 1500): Promise<boolean> {
    const r = await this.exec(ns, 'timeout', [String(timeoutMs / 1000), 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`], { timeoutMs: timeoutMs + 5000 });
    return r.code === 0;
  }

  /** The body of GET http://host:port/ from inside `ns`, or null when nothing answered within the timeout. */
  async httpGet(ns: string, host: string, port: number, timeoutMs = 1500): Promise<string | null> {
    const r = await this.exec(ns, 'curl', ['-sS', '--max-time', String(timeoutMs / 1000), `http://${host}:${port}/`], { timeoutMs: timeoutMs + 5000 });
    return r.code === 0 ? r.stdout : null;
  }

  /**
   * Small HTTP services inside `ns`, one per address:port, each answering its own name (node, no dependencies).
   * Resolves once all listen.
   */
  async httpServices(ns: string, services: { name: string; host: string; port: number }[]): Promise<Watched> {
    const code = [
      "const http = require('node:http');",
      `const list = ${JSON.stringify(services)};`,
      'let up = 0;',
      'for (const s of list) http.createServer((q, r) => r.end(s.name)).listen(s.port, s.host, () => { if (++up === list.length) console.log("services up"); });',
    ].join('\n');
    const w = this.spawn(ns, process.execPath, ['-e', code]);
    if (!(await w.waitFor(/services up/, 15_000))) throw new Error(`the services in ${ns} did not start:\n${w.output()}`);
    return w;
  }

  /**
   * Lets programs inside `ns` reach `127.0.0.1:<targetPort>` of the root namespace at `127.0.0.1:<localPort>` of
   * `ns`: the test listens on a unix socket and forwards to the target; a forwarder inside the namespace listens on
   * its own loopback and forwards to that socket. `setDown(true)` makes the bridge refuse (as if the service had
   * stopped) without touching the service.
   */
  async loopbackBridge(ns: string, socketPath: string, targetPort: number, localPort: number): Promise<{ setDown: (down: boolean) => void }> {
    let down = false;
    if (!this.servers.some((s) => (s.address() as string) === socketPath)) {
      fs.rmSync(socketPath, { force: true });
      const server = net.createServer((downstream) => {
        if (down) return void downstream.destroy();
        const upstream = net.connect(targetPort, '127.0.0.1');
        downstream.pipe(upstream).pipe(downstream);
        const close = () => {
          downstream.destroy();
          upstream.destroy();
        };
        upstream.on('error', close);
        downstream.on('error', close);
        upstream.on('close', close);
        downstream.on('close', close);
      });
      await new Promise<void>((resolve, reject) => server.listen(socketPath, resolve).on('error', reject));
      this.servers.push(server);
    }
    const code = [
      "const net = require('node:net');",
      `net.createServer((c) => { const u = net.connect(${JSON.stringify(socketPath)}); c.pipe(u).pipe(c);`,
      "  const close = () => { c.destroy(); u.destroy(); }; for (const s of [c, u]) { s.on('error', close); s.on('close', close); } })",
      `  .listen(${localPort}, '127.0.0.1', () => console.log('forwarding'));`,
    ].join('\n');
    const w = this.spawn(ns, process.execPath, ['-e', code]);
    if (!(await w.waitFor(/forwarding/, 15_000))) throw new Error(`the forwarder in ${ns} did not start:\n${w.output()}`);
    return { setDown: (d) => (down = d) };
  }

  /** Stops every process, closes the bridges, deletes the namespaces (and with them their interfaces). */
  async cleanup(): Promise<void> {
    for (const w of this.processes.splice(0)) await stop(w);
    for (const s of this.servers.splice(0)) await new Promise((resolve) => s.close(resolve));
    for (const ns of this.namespaces.splice(0)) {
      // whatever a test's program left running inside goes with the namespace
      for (const pid of (await run('ip', ['netns', 'pids', ns])).stdout.split(/\s+/).filter(Boolean)) await run('kill', ['-9', pid]);
      await run('ip', ['netns', 'del', ns]);
    }
    live.delete(this);
  }

  cleanupSync(): void {
    for (const w of this.processes.splice(0)) {
      if (w.child.exitCode === null) w.child.kill('SIGKILL');
    }
    for (const ns of this.namespaces.splice(0)) {
      // anything still running inside (started by a program of the test) goes with it
      spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
        .stdout?.split(/\s+/)
        .filter(Boolean)
        .forEach((pid) => spawnSync('kill', ['-9', pid]));
      spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    }
    live.delete(this);
  }
}
