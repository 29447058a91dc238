import { Injectable } from '@nestjs/common';
import { subjectKind } from './domain/session';

/** Whether the person or thing a session stands for may still use it (e.g. the employee is still active). */
export type SubjectCheck = (id: string) => Promise<boolean>;

/**
 * The port through which the features that own a kind of subject tell authentication whether it is still
 * valid: the directory registers `employee` (active, not offboarded), so auth never reads another feature's
 * tables and the modules import nothing of each other but this. Asked on every request made with a token
 * whose subject has a `kind:` prefix; `token:` subjects are judged by their parent token (TokenService).
 * A kind nobody registered is refused, not waved through.
 */
@Injectable()
export class SessionSubjects {
  private readonly checks = new Map<string, SubjectCheck>();

  register(kind: string, check: SubjectCheck): void {
    if (!/^[a-z]+$/.test(kind) || kind === 'token') throw new Error(`subject kind "${kind}": use lower-case letters, and not "token"`);
    if (this.checks.has(kind)) throw new Error(`subject kind ${kind} is already registered`);
    this.checks.set(kind, check);
  }

  async stillValid(subject: string | null): Promise<boolean> {
    if (!subject) return true;
    const parsed = subjectKind(subject);
    if (!parsed || parsed.kind === 'token') return true;
    const check = this.checks.get(parsed.kind);
    return check ? check(parsed.id) : false;
  }
}
