import { Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';
import { COMMANDS, commandToRun } from './command-list.js';

describe('the command list', () => {
  it('lists every command as the command itself does (name, arguments, description, order)', async () => {
    const full = await buildProgram('all');
    const help = new Help();
    const shown = full.commands.map((c) => ({ name: c.name(), usage: help.subcommandTerm(c).slice(c.name().length + 1), description: c.description() }));
    expect(COMMANDS.map(({ name, usage, description }) => ({ name, usage, description }))).toEqual(shown);
  });

  it('`imr --help` lists the same commands whether they are loaded or not', async () => {
    const help = (p: Awaited<ReturnType<typeof buildProgram>>) => p.helpInformation();
    expect(help(await buildProgram([]))).toBe(help(await buildProgram('all')));
  });

  it('finds the command to load: the first word that is not an option, or the one after help', () => {
    expect(commandToRun(['letter', 'render', 'CM16-1', '--version', '1'])?.name).toBe('letter');
    expect(commandToRun(['--help'])).toBeUndefined();
    expect(commandToRun(['help', 'search'])?.name).toBe('search');
    expect(commandToRun(['serch'])).toBeUndefined();
  });

  it('names the subcommand options that share a name with a program option (each read as the subcommand\'s; case-command.test.ts runs them)', async () => {
    const full = await buildProgram('all');
    const global = new Set(full.options.flatMap((o) => [o.long, o.short]).filter((f) => f && f !== '--help' && f !== '-h'));
    const shared: string[] = [];
    const walk = (cmd: typeof full, path: string) => {
      for (const sub of cmd.commands) {
        for (const o of sub.options) for (const f of [o.long, o.short]) if (f && global.has(f)) shared.push(`${path} ${sub.name()} ${f}`);
        walk(sub, `${path} ${sub.name()}`);
      }
    };
    walk(full, 'imr');
    expect(shared).toEqual(['imr case withdraw --version', 'imr letter render --version']);
  });
});
