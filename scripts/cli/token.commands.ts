import { Command, InvalidArgumentError } from 'commander';
import { TokenService } from '../../src/auth/token.service';
import { ROLES, cliActor, isRole } from '../../src/common/auth/roles';
import { print, table, withContext } from './context';

export function tokenCommands(program: Command): void {
  const token = program.command('token').description('API tokens (stored hashed; shown once at creation)');

  token
    .command('create')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, (v) => {
      if (!isRole(v)) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
      return v;
    })
    .requiredOption('--name <name>', 'who or what uses the token')
    .option('--expires <iso>', 'expiry instant (ISO-8601)')
    .action(async (opts: { role: (typeof ROLES)[number]; name: string; expires?: string }) => {
      await withContext(async (ctx) => {
        const created = await ctx.get(TokenService).create(cliActor(), { name: opts.name, role: opts.role, expiresAt: opts.expires ?? null });
        print(`Token for ${created.view.name} (${created.view.role}), id ${created.view.id}.`);
        print('Copy it now: it is not stored and will not be shown again.');
        print(created.token);
      });
    });

  token
    .command('list')
    .option('--all', 'include revoked tokens')
    .action(async (opts: { all?: boolean }) => {
      await withContext(async (ctx) => {
        const rows = await ctx.get(TokenService).list(Boolean(opts.all));
        table(
          rows.map((r) => ({ ...r, state: r.revokedAt ? 'revoked' : 'active' })),
          ['id', 'name', 'role', 'kind', 'state', 'createdAt', 'expiresAt', 'lastUsedAt'],
        );
      });
    });

  token.command('revoke <id>').action(async (id: string) => {
    await withContext(async (ctx) => {
      const view = await ctx.get(TokenService).revoke(cliActor(), id);
      print(`Token ${view.id} (${view.name}) revoked at ${view.revokedAt}.`);
    });
  });
}
