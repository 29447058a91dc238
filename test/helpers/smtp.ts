import { createServer as createNetServer } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server accepted, as the envelope carried it and as mailparser reads it. */
export interface ReceivedMail {
  envelopeTo: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string | undefined;
  raw: string;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for one test file: plain SMTP, no STARTTLS, no
 * authentication. `port` is chosen free at creation, so a test can point the service at it before it listens
 * (`start()` later: the mail server that was down and came back).
 */
export class TestSmtp {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  private waiters: (() => void)[] = [];

  private constructor(readonly port: number) {}

  static async create(options: { listen?: boolean } = {}): Promise<TestSmtp> {
    const smtp = new TestSmtp(await freePort());
    if (options.listen !== false) await smtp.start();
    return smtp;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed: ParsedMail) => {
              this.messages.push({
                envelopeTo: session.envelope.rcptTo.map((r) => r.address),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                messageId: parsed.messageId,
                raw,
              });
              for (const w of this.waiters.splice(0)) w();
              callback();
            })
            .catch((err: Error) => callback(err));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Messages whose envelope includes this address. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.map((a) => a.toLowerCase()).includes(address.toLowerCase()));
  }

  /** Waits until `count` messages match (default: any message), or fails after `timeoutMs`. */
  async waitFor(match: (m: ReceivedMail) => boolean = () => true, count = 1, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(match);
      if (found.length >= count) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${count} mail(s); got ${found.length} of ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The environment that switches notices on, pointed at this server. */
export function noticesEnv(smtp: TestSmtp, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SMTP_URL: smtp.url,
    SMTP_FROM: 'Sistema Informativo <noreply@comune.test>',
    NOTICES_HOTLINE_EMAIL: 'hotline@comune.test',
    NOTICES_HR_EMAIL: 'personale@comune.test',
    NOTICES_TECHNICIANS_EMAIL: 'tecnici@comune.test',
    NOTICES_ADMINS_EMAIL: 'amministratori@comune.test',
    ...extra,
  };
}

/** Polls `read` until `ok` holds (the sender records a send right after the server's acceptance), or fails. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
