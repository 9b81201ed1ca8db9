import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { NotFoundError, Role } from '../../domain/index.js';
import { openStore } from '../../store/index.js';
import { UserService } from '../../workflow/accounts/index.js';
import { actorOf, actorOption, printJson } from '../cases/index.js';
import { UsageError } from '../errors.js';
import { dbOption } from '../options.js';
import { toTable } from '../output.js';

/** Reads a password from standard input (one line), so it never appears in the process list or shell history. */
async function readStdinPassword(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin: pipe the password in (e.g. from a password manager), or leave it out to have one generated');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function withUsers<T>(db: string, fn: (users: UserService) => Promise<T>): Promise<T> {
  const store = await openStore({ path: db });
  try {
    return await fn(new UserService(store));
  } finally {
    await store.close();
  }
}

async function passwordOf(o: { passwordStdin?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (o.passwordStdin) return { password: await readStdinPassword(), generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}

/** `imr user add|list|passwd`: user accounts of the HTTP API, for whoever administers the database. */
export function registerUser(program: Command): void {
  const cmd = program.command('user').description('user accounts of the HTTP API (imr serve)');

  cmd
    .command('add')
    .description('create a user; the password (generated and printed, or read with --password-stdin) must be changed at first sign-in')
    .argument('<username>', 'login name')
    .addOption(new Option('--role <role>', 'what the user may do').choices(Role.options).makeOptionMandatory())
    .option('--reviewer <id>', 'for a reviewer: the registry id of the reviewer they are')
    .option('--name <display name>', 'name shown in the UI')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dbOption())
    .addOption(actorOption())
    .option('--json', 'print JSON')
    .action(async (username: string, o: { role: Role; reviewer?: string; name?: string; passwordStdin?: boolean; db: string; actor?: string; json?: boolean }) => {
      const { password, generated } = await passwordOf(o);
      await withUsers(o.db, async (users) => {
        const user = await users.add({ username, role: o.role, reviewerId: o.reviewer ?? null, ...(o.name ? { displayName: o.name } : {}), password }, actorOf(o));
        if (o.json) return printJson(generated ? { user, password } : { user });
        process.stdout.write(`created user ${user.username} (${user.role}${user.reviewerId ? `, reviewer ${user.reviewerId}` : ''})\n`);
        if (generated) process.stdout.write(`one-time password (to be changed at first sign-in): ${password}\n`);
      });
    });

  cmd
    .command('list')
    .description('users with their roles')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (o: { db: string; json?: boolean }) => {
      await withUsers(o.db, async (users) => {
        const all = await users.list();
        if (o.json) return printJson(all);
        const rows = all.map((u) => ({ username: u.username, role: u.role, reviewer: u.reviewerId ?? '', name: u.displayName, status: u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active' }));
        process.stdout.write(toTable(rows, ['username', 'role', 'reviewer', 'name', 'status']));
      });
    });

  cmd
    .command('passwd')
    .description("set a user's password (generated and printed, or read with --password-stdin); the user must change it at next sign-in, and their sessions end")
    .argument('<username>', 'login name')
    .option('--password-stdin', 'read the password from standard input')
    .addOption(dbOption())
    .addOption(actorOption())
    .action(async (username: string, o: { passwordStdin?: boolean; db: string; actor?: string }) => {
      const { password, generated } = await passwordOf(o);
      await withUsers(o.db, async (users) => {
        const user = (await users.list()).find((u) => u.username === username.trim().toLowerCase());
        if (!user) throw new NotFoundError(`user ${username}`);
        await users.resetPassword(user.id, password, actorOf(o));
        process.stdout.write(`password of ${user.username} set; it must be changed at next sign-in\n`);
        if (generated) process.stdout.write(`one-time password: ${password}\n`);
      });
    });
}
