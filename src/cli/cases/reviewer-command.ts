import type { Command } from 'commander';
import type { ReviewerInput } from '../../domain/index.js';
import { actorOf, actorOption, collect, printJson, readJsonFile, withService } from './case-io.js';
import { UsageError } from '../errors.js';
import { dbOption } from '../options.js';
import { toTable } from '../output.js';

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** "employer:Acme Widgets, Inc.:former employee" → a tie. */
function tie(spec: string) {
  const m = /^(employer|claims-administrator|provider|worker):([^:]+)(?::(.+))?$/.exec(spec);
  if (!m) throw new UsageError(`--tie "${spec}": expected KIND:NAME[:NATURE] with KIND employer, claims-administrator, provider or worker`);
  return { kind: m[1] as 'employer', name: m[2]!.trim(), ...(m[3] ? { nature: m[3].trim() } : {}) };
}

/** `imr reviewer add|set|list`: the expert reviewer registry. */
export function registerReviewer(program: Command): void {
  const cmd = program.command('reviewer').description('the expert reviewer registry: credentials, practice, ties, availability');

  cmd
    .command('add')
    .description('register a reviewer from flags or a JSON file')
    .argument('[file]', 'reviewer JSON (or an array of them)')
    .option('--id <id>', 'registry id')
    .option('--name <name>', 'full name (never published)')
    .option('--board <list>', 'board certifications, comma-separated')
    .option('--sub <list>', 'subspecialties, comma-separated')
    .option('--specialty <list>', 'further fields of practice used for matching, comma-separated')
    .option('--states <list>', 'licensure states, USPS codes, comma-separated')
    .option('--years <n>', 'years in practice')
    .option('--hours <n>', 'hours a week in active practice')
    .option('--tie <kind:name[:nature]>', 'a declared tie (repeatable)', collect)
    .addOption(dbOption())
    .addOption(actorOption())
    .option('--json', 'print JSON')
    .action(async (file: string | undefined, o: Record<string, any>) => {
      let inputs: unknown[];
      if (file) {
        const data = await readJsonFile(file);
        inputs = Array.isArray(data) ? data : [data];
      } else {
        inputs = [
          {
            id: o.id,
            name: o.name,
            boardCertifications: list(o.board) ?? [],
            subspecialties: list(o.sub) ?? [],
            specialties: list(o.specialty) ?? [],
            licensureStates: (list(o.states) ?? []).map((s) => s.toUpperCase()),
            yearsInPractice: o.years === undefined ? undefined : Number(o.years),
            hoursPerWeek: o.hours === undefined ? undefined : Number(o.hours),
            ties: (o.tie ?? []).map(tie),
          },
        ];
      }
      await withService(o, async (service) => {
        for (const r of inputs) {
          const added = await service.addReviewer(r, actorOf(o));
          if (o.json) printJson(added);
          else process.stdout.write(`reviewer ${added.id} registered\n`);
        }
      }, { create: true });
    });

  cmd
    .command('set')
    .description("change a reviewer's availability, practice hours or ties")
    .argument('<id>', 'reviewer id')
    .option('--available', 'available for cases')
    .option('--unavailable', 'not available for cases')
    .option('--hours <n>', 'hours a week in active practice')
    .option('--tie <kind:name[:nature]>', 'add a declared tie (repeatable)', collect)
    .addOption(dbOption())
    .addOption(actorOption())
    .action(async (id: string, o: Record<string, any>) => {
      if (o.available && o.unavailable) throw new UsageError('--available and --unavailable contradict each other');
      await withService(o, async (service, store) => {
        const current = await store.reviewers.require(id);
        const patch: Partial<ReviewerInput> = {};
        if (o.available) patch.available = true;
        if (o.unavailable) patch.available = false;
        if (o.hours !== undefined) patch.hoursPerWeek = Number(o.hours);
        if (o.tie) patch.ties = [...current.ties, ...o.tie.map(tie)];
        if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give --available, --unavailable, --hours or --tie');
        await service.updateReviewer(id, patch, actorOf(o));
        process.stdout.write(`reviewer ${id} updated\n`);
      });
    });

  cmd
    .command('list')
    .description('registered reviewers')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (o: { db: string; json?: boolean }) => {
      await withService(o, async (_service, store) => {
        const reviewers = await store.reviewers.list();
        const workload = await store.cases.openWorkload();
        if (o.json) return printJson(reviewers.map((r) => ({ ...r, workload: workload.get(r.id) ?? 0 })));
        const rows = reviewers.map((r) => ({
          id: r.id,
          name: r.name,
          board: r.boardCertifications.join(', '),
          states: r.licensureStates.join(','),
          hours: r.hoursPerWeek,
          available: r.available ? 'yes' : 'no',
          open: workload.get(r.id) ?? 0,
        }));
        process.stdout.write(toTable(rows, ['id', 'name', 'board', 'states', 'hours', 'available', 'open']));
      });
    });
}
