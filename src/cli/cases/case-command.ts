import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CaseState, TransitionError, type Decision } from '../../domain/index.js';
import type { CaseService, CaseView } from '../../workflow/cases/index.js';
import type { DecisionInput } from '../../workflow/cases/index.js';
import { verifyAuditTrail } from '../../workflow/cases/index.js';
import { caseFromFhirBundle, isFhirBundle } from '../../workflow/cases/index.js';
import { actorOf, actorOption, collect, printJson, readJsonFile, readTextFile, withService } from './case-io.js';
import { UsageError } from '../errors.js';
import { checkOutFile, writePrivateFile } from '../out-file.js';
import { readCheckpoint } from '../../store/index.js';
import { previewText } from './issue-preview.js';
import type { IssuePreview } from '../../workflow/cases/index.js';
import { dbOption, isoDateOption, positiveInt } from '../options.js';
import { printable, toTable } from '../output.js';

interface Common {
  db: string;
  actor?: string;
  json?: boolean;
}

function describeCase(v: CaseView): string {
  const c = v.case;
  const lines = [`${c.caseNumber ?? `(no case number, #${c.id})`}  ${c.state}  ${c.priority}${v.urgency ? `  ${v.urgency.toUpperCase()}` : ''}  (case #${c.id}, version ${c.version})`];
  if (c.eligibility && !c.eligibility.eligible) lines.push(...c.eligibility.reasons.map((r) => `  ineligible: ${r}`));
  for (const d of v.deadlines) lines.push(`  ${d.kind} deadline ${d.due}: ${d.status}${d.metOn ? ` (${d.metOn})` : d.status === 'overdue' ? ` (${-d.daysLeft} days late)` : ` (${d.daysLeft} days left)`} — ${d.rule}`);
  if (c.reviewerId) lines.push(`  reviewer: ${c.reviewerId}`);
  const decided = new Map(c.decisions.map((d) => [d.index, d]));
  for (const item of c.file.items) {
    const d = decided.get(item.index);
    lines.push(`  ${item.index}. ${item.request}${d ? `: ${d.decision === 'upheld' ? 'Upheld' : 'Overturned'}` : ''}`);
  }
  if (c.issuedVersion) lines.push(`  determination issued, version ${c.issuedVersion}`);
  const r = c.correction;
  if (r) lines.push(`  correction requested by ${r.requestedBy} ${r.requestedAt}: ${printable(r.note)}`, r.made ? `  correction made by ${r.made.by} ${r.made.at}: ${printable(r.made.reason)} (items ${r.made.decisions.map((d) => d.index).join(', ')}); issue it with imr case issue-correction` : '  correction not made yet by the reviewer');
  return lines.join('\n') + '\n';
}

/**
 * The intake steps after opening, from wherever the case is: eligibility
 * checked when received, the case number assigned when eligible. Each step
 * is its own audited transaction, so an interrupted intake is continued
 * here (`imr case intake`) rather than by opening the case again.
 */
async function continueIntake(service: CaseService, ref: string, actor: string, opts: Common): Promise<void> {
  let c = (await service.view(ref)).case;
  if (c.state === 'received') c = await service.checkEligibility(ref, actor);
  if (c.state === 'eligible') await service.assignCaseNumber(ref, actor);
  const view = await service.view(ref);
  if (opts.json) printJson(view);
  else process.stdout.write(describeCase(view));
  if (view.case.state === 'ineligible') process.exitCode = 1;
}

/** Opens a case, checks eligibility and, when eligible, assigns its number: the intake steps, each audited. */
async function intake(opts: Common, input: unknown, caseNumber?: string): Promise<void> {
  await withService(opts, async (service) => {
    const actor = actorOf(opts);
    const opened = await service.open(input, actor, caseNumber ? { caseNumber } : {});
    await continueIntake(service, String(opened.id), actor, opts);
  }, { create: true });
}

interface ApplicationFlags {
  received?: string;
  urDate?: string;
  urServed?: string;
  urService?: 'mail' | 'electronic' | 'personal';
  unsigned?: boolean;
  urDecision?: boolean;
  expedited?: boolean;
  formulary?: boolean;
}

function applicationFrom(f: ApplicationFlags) {
  const receivedDate = isoDateOption('received', f.received);
  const urDecisionDate = isoDateOption('ur-date', f.urDate);
  if (!receivedDate) throw new UsageError('--received DATE is required (date the IMR application was received)');
  if (!urDecisionDate) throw new UsageError('--ur-date DATE is required (date of the UR decision)');
  return {
    receivedDate,
    urDecisionDate,
    urServiceDate: isoDateOption('ur-served', f.urServed) ?? null,
    urServiceMethod: f.urService ?? 'mail',
    signed: !f.unsigned,
    urDecisionAttached: f.urDecision !== false,
    formularyDispute: !!f.formulary,
  };
}

function addApplicationOptions(cmd: Command): Command {
  return cmd
    .option('--received <date>', 'date the IMR application was received')
    .option('--ur-date <date>', 'date of the written UR decision')
    .option('--ur-served <date>', 'date the UR decision was served (default: the UR date)')
    .addOption(new Option('--ur-service <how>', 'how the UR decision was served').choices(['mail', 'electronic', 'personal']))
    .option('--unsigned', 'the application is not signed')
    .option('--no-ur-decision', 'no copy of the UR decision is attached')
    .option('--expedited', 'expedited review')
    .option('--formulary', 'a drug formulary dispute (5 working days)');
}

function decisionInputs(opts: { item?: string; decision?: string; guidelines?: string; rationale?: string; overrideReason?: string }): DecisionInput[] {
  if (!opts.item) throw new UsageError('--item N is required (or --file decisions.json)');
  const index = Number(opts.item);
  if (!Number.isInteger(index) || index < 1) throw new UsageError(`--item: "${opts.item}" is not an item number`);
  if (!opts.decision) throw new UsageError('--decision upheld|overturned is required');
  return [{ index, decision: opts.decision as Decision, guidelines: opts.guidelines ?? '', rationale: opts.rationale ?? '', overrideReason: opts.overrideReason ?? null }];
}

async function decisionsFromFile(path: string): Promise<DecisionInput[]> {
  const data = await readJsonFile(path);
  const list = Array.isArray(data) ? data : (data as { decisions?: unknown })?.decisions;
  if (!Array.isArray(list)) throw new UsageError(`${path}: expected an array of decisions ({ index, decision, guidelines, rationale, overrideReason? })`);
  return list as DecisionInput[];
}

function addDecisionOptions(cmd: Command): Command {
  return cmd
    .option('--item <n>', 'item number')
    .addOption(new Option('--decision <decision>', 'the decision').choices(['upheld', 'overturned']))
    .option('--guidelines <text>', 'guidelines relied on, as a letter writes them ("MTUS Chronic Pain Medical Treatment Guidelines Page(s): 63-66")')
    .option('--rationale <text>', 'decision rationale (required)')
    .option('--override-reason <text>', "why the decision differs from the engine's draft")
    .option('--file <decisions.json>', 'several decisions as a JSON array');
}

/** `imr case ...`: the IMR case workflow. */
export function registerCase(program: Command): void {
  const cmd = program.command('case').description('IMR cases: intake, records, reviewer assignment, decisions, issue');
  const common = (c: Command) => c.addOption(dbOption()).addOption(actorOption()).option('--json', 'print JSON');

  addApplicationOptions(
    common(cmd.command('new').description('open a case from flags, check eligibility and assign a case number'))
      .requiredOption('--worker <name>', "injured worker's name (kept out of published letters)")
      .requiredOption('--employer <name>', 'employer')
      .requiredOption('--claims-administrator <name>', 'claims administrator')
      .option('--claim-number <no>', 'claim number')
      .option('--provider <name>', 'requesting physician or other provider (repeatable)', collect)
      .option('--request <text>', 'a disputed item as requested (repeatable)', collect)
      .option('--modified', 'UR modified (rather than non-certified) the items')
      .requiredOption('--summary <text>', 'clinical case summary')
      .option('--age <n>', "worker's age")
      .addOption(new Option('--sex <sex>', "worker's sex").choices(['male', 'female']))
      .option('--injury <date>', 'date of injury (repeatable)', collect),
  ).action(async (o: Common & ApplicationFlags & Record<string, any>) => {
    const requests: string[] = o.request ?? [];
    if (!requests.length) throw new UsageError('--request TEXT is required: at least one disputed item');
    const age = o.age === undefined ? null : Number(o.age);
    if (age !== null && (!Number.isInteger(age) || age < 0 || age > 120)) throw new UsageError(`--age: "${o.age}" is not an age`);
    await intake(o, {
      priority: o.expedited ? 'expedited' : 'standard',
      parties: {
        worker: { name: o.worker },
        employer: { name: o.employer },
        claimsAdministrator: { name: o.claimsAdministrator, claimNumber: o.claimNumber ?? null },
        providers: (o.provider ?? []).map((name: string) => ({ name })),
      },
      application: applicationFrom(o),
      file: {
        patient: { age, sex: o.sex ?? null },
        injuryDates: (o.injury ?? []).map((d: string) => isoDateOption('injury', d)),
        clinicalSummary: o.summary,
        items: requests.map((request, i) => ({ index: i + 1, request, urAction: o.modified ? 'modified' : 'non-certified', claimsAdministratorGuidelines: [] })),
      },
    });
  });

  addApplicationOptions(
    common(cmd.command('import').description('open a case from a JSON case file or a FHIR R4 Bundle, check eligibility and assign a case number'))
      .argument('<file>', 'case JSON ({ priority, parties, application, file }) or FHIR R4 Bundle JSON')
      .option('--case-number <CMyy-nnnnnnn>', 'keep an existing case number')
      .option('--employer <name>', 'employer (FHIR bundles)')
      .option('--claims-administrator <name>', 'claims administrator (FHIR bundles)')
      .option('--claim-number <no>', 'claim number (FHIR bundles)'),
  ).action(async (file: string, o: Common & ApplicationFlags & Record<string, any>) => {
    const data = await readJsonFile(file);
    let input: unknown = data;
    if (isFhirBundle(data)) {
      if (!o.employer || !o.claimsAdministrator) throw new UsageError('a FHIR bundle carries no employer or claims administrator: give --employer and --claims-administrator');
      input = caseFromFhirBundle(data, {
        application: applicationFrom(o),
        employer: o.employer,
        claimsAdministrator: o.claimsAdministrator,
        claimNumber: o.claimNumber ?? null,
        priority: o.expedited ? 'expedited' : 'standard',
      });
    }
    await intake(o, input, o.caseNumber ?? (data as { caseNumber?: string })?.caseNumber);
  });

  common(cmd.command('intake').description('continue the intake of a case left received or eligible (an interrupted import): check eligibility, assign the case number'))
    .argument('<case>', 'case number or #id')
    .action(async (ref: string, o: Common) => {
      await withService(o, async (service) => {
        const c = (await service.view(ref)).case;
        if (c.state !== 'received' && c.state !== 'eligible') throw new TransitionError(c.state, 'continue the intake of', ['received', 'eligible']);
        await continueIntake(service, ref, actorOf(o), o);
      });
    });

  common(cmd.command('records').description('request the records from the claims administrator, or record their receipt'))
    .argument('<case>', 'case number or #id')
    .option('--request', 'record that the records were requested')
    .option('--electronic', 'the request was sent electronically (12 days instead of 15)')
    .option('--receive <file>', 'a received record: a text file, or JSON [{ title, date, text }] (repeatable)', collect)
    .action(async (ref: string, o: Common & { request?: boolean; electronic?: boolean; receive?: string[] }) => {
      if (!o.request && !o.receive) throw new UsageError('give --request, or --receive FILE for the records received');
      await withService(o, async (service) => {
        const actor = actorOf(o);
        if (o.request) await service.requestRecords(ref, actor, { electronic: !!o.electronic });
        if (o.receive) {
          const docs: unknown[] = [];
          for (const f of o.receive) {
            if (/\.json$/i.test(f)) {
              const d = await readJsonFile(f);
              docs.push(...(Array.isArray(d) ? d : [d]));
            } else docs.push({ title: basename(f), text: await readTextFile(f) });
          }
          await service.receiveRecords(ref, actor, docs);
        }
        const view = await service.view(ref);
        if (o.json) printJson(view);
        else process.stdout.write(describeCase(view));
      });
    });

  common(cmd.command('assign').description('assign an expert reviewer (the best match unless --reviewer names one)'))
    .argument('<case>', 'case number or #id')
    .option('--reviewer <id>', 'reviewer id')
    .option('--candidates', 'list every reviewer with fit, workload and blocks; assign nobody')
    .action(async (ref: string, o: Common & { reviewer?: string; candidates?: boolean }) => {
      await withService(o, async (service) => {
        if (o.candidates) {
          const ranked = await service.matches(ref);
          const rows = ranked.map((m) => ({ reviewer: m.reviewer.id, fit: m.fit, workload: m.workload, blocked: m.blocks.join('; ') || '', why: m.fitReasons.join('; ') }));
          if (o.json) printJson(rows);
          else process.stdout.write(toTable(rows, ['reviewer', 'fit', 'workload', 'blocked', 'why']));
          return;
        }
        const { case: c, match } = await service.assignReviewer(ref, actorOf(o), o.reviewer);
        if (o.json) printJson({ case: c, reviewer: match.reviewer.id, fit: match.fit, workload: match.workload });
        else process.stdout.write(`${c.caseNumber}: assigned reviewer ${match.reviewer.id} (fit ${match.fit}${match.fitReasons.length ? `: ${match.fitReasons.join('; ')}` : ''}; ${match.workload} open cases)\n`);
      });
    });

  addDecisionOptions(
    common(cmd.command('decide').description("record the reviewer's decision on an item (shows the engine's draft when there is one)"))
      .argument('<case>', 'case number or #id')
      .option('--expect-version <n>', 'refuse if the case changed since this version'),
  ).action(async (ref: string, o: Common & Record<string, any>) => {
    const inputs = o.file ? await decisionsFromFile(o.file) : decisionInputs(o as Parameters<typeof decisionInputs>[0]);
    await withService(o, async (service) => {
      const draft = await service.draft(ref);
      if (!o.json) {
        if (!draft) process.stderr.write('no engine draft available\n');
        else
          for (const i of draft.items) {
            const side = i.flagged ? 'flagged' : (i.recommendation ?? i.decision);
            const p = i.probability === undefined ? '' : `, overturn probability ${Math.round(100 * i.probability)}%${i.judgmentNeeded ? ', reviewer judgment needed' : ''}`;
            const lacks = i.missingDocumentation?.length ? `; the record lacks: ${i.missingDocumentation.map((m) => m.request).join(' ')}` : '';
            process.stderr.write(`engine draft ${i.index}: ${side}${p}${i.flagReason ? ` (${i.flagReason})` : ''}${lacks} [${draft.engineVersion}${draft.modelVersion ? `; ${draft.modelVersion}` : ''}]\n`);
          }
      }
      const expectedVersion = o.expectVersion === undefined ? undefined : Number(o.expectVersion);
      const c = await service.decide(ref, actorOf(o), inputs, expectedVersion === undefined ? {} : { expectedVersion });
      const view = await service.view(String(c.id));
      if (o.json) printJson({ ...view, draft });
      else process.stdout.write(describeCase(view));
    });
  });

  common(cmd.command('issue').description('preview the letter as it would be published; with --confirm, issue it (frozen once issued)'))
    .argument('<case>', 'case number or #id')
    .option('--confirm', 'issue the letter previewed (without it nothing is issued: the preview is printed)')
    .option('--preview-hash <hash>', 'with --confirm: issue only if the letter is still the one of this preview')
    .option('--preview-out <file>', 'write the preview to a file instead of printing it')
    .action(async (ref: string, o: Common & { confirm?: boolean; previewHash?: string; previewOut?: string }) => {
      if (o.previewHash !== undefined && !/^[0-9a-f]{64}$/.test(o.previewHash)) throw new UsageError(`--preview-hash "${o.previewHash}" is not a preview hash (64 hex digits, as the preview prints it)`);
      if (o.previewHash !== undefined && !o.confirm) throw new UsageError('--preview-hash is given with --confirm, to issue the letter of that preview');
      await withService(o, async (service) => {
        const preview = await service.previewIssue(ref);
        if (!o.confirm) {
          const confirm = `imr case issue ${preview.caseNumber ?? `#${preview.caseId}`} --confirm --preview-hash ${preview.previewHash}`;
          if (o.json) {
            const json = { caseNumber: preview.caseNumber, version: preview.version, issued: false, previewHash: preview.previewHash, published: preview.published, removals: preview.removals };
            if (o.previewOut) await writeFile(o.previewOut, JSON.stringify(json, null, 2) + '\n');
            else printJson(json);
          } else if (o.previewOut) {
            await writeFile(o.previewOut, previewText(preview, confirm));
            process.stdout.write(`${preview.caseNumber}: not issued; the preview is in ${o.previewOut}; to publish exactly that letter: ${confirm}\n`);
          } else process.stdout.write(previewText(preview, confirm));
          return;
        }
        const { case: c, issued } = await service.issue(ref, actorOf(o), { previewHash: o.previewHash ?? preview.previewHash });
        if (o.json) printJson({ caseNumber: c.caseNumber, version: issued.version, issuedAt: issued.issuedAt, contentHash: issued.determination.contentHash, issued: true, previewHash: preview.previewHash });
        else process.stdout.write(`${c.caseNumber}: determination version ${issued.version} issued; render it with: imr letter render ${c.caseNumber} --format pdf\n`);
      });
    });

  common(cmd.command('withdraw').description('withdraw a published version of the determination: the public no longer gets it (audited)'))
    .argument('<case>', 'case number or #id')
    .requiredOption('--reason <text>', 'why (e.g. an identifier was left in)')
    .option('--version <n>', 'the version to withdraw (default: the latest still published)')
    .action(async (ref: string, o: Common & { reason: string; version?: string }) => {
      const version = o.version === undefined ? undefined : positiveInt('version', o.version, 1, 1_000_000);
      await withService(o, async (service) => {
        const w = await service.withdraw(ref, actorOf(o), o.reason, version);
        if (o.json) printJson({ caseId: w.caseId, version: w.version, withdrawn: w.withdrawn });
        else process.stdout.write(`${ref}: version ${w.version} withdrawn from publication (${printable(w.withdrawn!.reason)})\n`);
      });
    });

  addDecisionOptions(
    common(cmd.command('correct').description('preview a correction (version N+1, marked Corrected); with --confirm, issue it and withdraw the versions it replaces'))
      .argument('<case>', 'case number or #id')
      .requiredOption('--reason <text>', 'why the determination is corrected')
      .option('--confirm', 'issue the corrected letter previewed (without it nothing is issued: the preview is printed)')
      .option('--preview-hash <hash>', 'with --confirm: issue only if the letter is still the one of this preview')
      .option('--preview-out <file>', 'write the preview to a file instead of printing it'),
  ).action(async (ref: string, o: Common & Record<string, any>) => {
    if (o.previewHash !== undefined && !/^[0-9a-f]{64}$/.test(o.previewHash)) throw new UsageError(`--preview-hash "${o.previewHash}" is not a preview hash (64 hex digits, as the preview prints it)`);
    if (o.previewHash !== undefined && !o.confirm) throw new UsageError('--preview-hash is given with --confirm, to issue the letter of that preview');
    const inputs = o.file ? await decisionsFromFile(o.file) : decisionInputs(o as Parameters<typeof decisionInputs>[0]);
    await withService(o, async (service) => {
      const preview = await service.previewCorrection(ref, actorOf(o), inputs, o.reason);
      if (!o.confirm) {
        const confirm = `the same imr case correct command with --confirm --preview-hash ${preview.previewHash}`;
        if (o.json) printJson({ caseNumber: preview.caseNumber, version: preview.version, issued: false, previewHash: preview.previewHash, published: preview.published, removals: preview.removals });
        else if (o.previewOut) {
          await writeFile(o.previewOut, previewText(preview, confirm));
          process.stdout.write(`${preview.caseNumber}: not corrected; the preview is in ${o.previewOut}; to publish exactly that letter: ${confirm}\n`);
        } else process.stdout.write(previewText(preview, confirm));
        return;
      }
      const { case: c, issued } = await service.correct(ref, actorOf(o), inputs, o.reason, { previewHash: o.previewHash ?? preview.previewHash });
      if (o.json) printJson({ caseNumber: c.caseNumber, version: issued.version, reason: issued.reason });
      else process.stdout.write(`${c.caseNumber}: corrected determination issued as version ${issued.version}; earlier versions withdrawn from publication\n`);
    });
  });

  /** The preview-then-confirm of a corrected letter, as `imr case issue` does it. */
  const previewOrIssue = async (
    o: Common & { confirm?: boolean; previewHash?: string; previewOut?: string },
    command: string,
    preview: () => Promise<IssuePreview>,
    issue: (previewHash: string) => Promise<{ case: { caseNumber: string | null }; issued: { version: number; reason: string | null } }>,
  ) => {
    const p = await preview();
    if (!o.confirm) {
      const confirm = `the same ${command} command with --confirm --preview-hash ${p.previewHash}`;
      if (o.json) printJson({ caseNumber: p.caseNumber, version: p.version, issued: false, previewHash: p.previewHash, published: p.published, removals: p.removals });
      else if (o.previewOut) {
        await writeFile(o.previewOut, previewText(p, confirm));
        process.stdout.write(`${p.caseNumber}: not corrected; the preview is in ${o.previewOut}; to publish exactly that letter: ${confirm}\n`);
      } else process.stdout.write(previewText(p, confirm));
      return;
    }
    const { case: c, issued } = await issue(o.previewHash ?? p.previewHash);
    if (o.json) printJson({ caseNumber: c.caseNumber, version: issued.version, reason: issued.reason, issued: true });
    else process.stdout.write(`${c.caseNumber}: corrected determination issued as version ${issued.version}; earlier versions withdrawn from publication\n`);
  };
  const checkHash = (o: { confirm?: boolean; previewHash?: string }) => {
    if (o.previewHash !== undefined && !/^[0-9a-f]{64}$/.test(o.previewHash)) throw new UsageError(`--preview-hash "${o.previewHash}" is not a preview hash (64 hex digits, as the preview prints it)`);
    if (o.previewHash !== undefined && !o.confirm) throw new UsageError('--preview-hash is given with --confirm, to issue the letter of that preview');
  };

  common(cmd.command('correct-clerical').description("preview a clerical correction (parties, dates, the worker's age and sex; version N+1, marked Corrected); with --confirm, issue it. Decisions and rationales are the reviewer's: see request-correction"))
    .argument('<case>', 'case number or #id')
    .requiredOption('--reason <text>', 'why the determination is corrected')
    .option('--worker <name>', "the injured worker's name")
    .option('--worker-dob <date>', "the worker's date of birth")
    .option('--worker-address <text>', "the worker's address")
    .option('--employer <name>', "the employer's name")
    .option('--claims-administrator <name>', "the claims administrator's name")
    .option('--claim-number <text>', 'the claim number')
    .option('--received <date>', 'the date the application was received')
    .option('--ur-date <date>', 'the date of the UR decision')
    .option('--assigned <date>', 'the date the case was assigned (the letter\'s Date Assigned)')
    .option('--decision-date <date>', "the letter's Decision Date")
    .option('--injury <date>', 'a date of injury (repeat for several; replaces them all)', collect)
    .option('--request <n=text>', "item N's request with a typo fixed (a few characters at most; repeat for several)", collect)
    .option('--age <n>', "the worker's age")
    .addOption(new Option('--sex <sex>', "the worker's sex").choices(['male', 'female']))
    .option('--confirm', 'issue the corrected letter previewed (without it nothing is issued: the preview is printed)')
    .option('--preview-hash <hash>', 'with --confirm: issue only if the letter is still the one of this preview')
    .option('--preview-out <file>', 'write the preview to a file instead of printing it')
    .action(async (ref: string, o: Common & Record<string, any>) => {
      checkHash(o as { confirm?: boolean; previewHash?: string });
      const date = (name: string, v: string | undefined) => isoDateOption(name, v);
      const fix: Record<string, unknown> = {};
      for (const [flag, key] of [['received', 'applicationReceived'], ['ur-date', 'urDecisionDate'], ['assigned', 'assignedOn'], ['decision-date', 'decisionDate']] as const) {
        const v = date(flag, o[flag.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase())]);
        if (v) fix[key] = v;
      }
      if (o.request) {
        fix.requests = (o.request as string[]).map((r) => {
          const m = /^(\d{1,4})=(.+)$/s.exec(r);
          if (!m) throw new UsageError(`--request "${printable(r.slice(0, 60))}" is not N=TEXT (the item's number, then its request as it should read)`);
          return { index: Number(m[1]), request: m[2] };
        });
      }
      if (o.injury) fix.injuryDates = (o.injury as string[]).map((d) => date('injury', d)!);
      if (o.age !== undefined || o.sex !== undefined) fix.patient = { ...(o.age !== undefined ? { age: positiveInt('age', o.age, 0, 120, 0) } : {}), ...(o.sex ? { sex: o.sex } : {}) };
      await withService(o, async (service) => {
        const parties = ['worker', 'workerDob', 'workerAddress', 'employer', 'claimsAdministrator', 'claimNumber'].some((k) => o[k] !== undefined);
        if (parties) {
          const p = (await service.view(ref)).case.parties;
          fix.parties = {
            ...p,
            worker: { ...p.worker, ...(o.worker !== undefined ? { name: o.worker } : {}), ...(o.workerDob !== undefined ? { dateOfBirth: date('worker-dob', o.workerDob) } : {}), ...(o.workerAddress !== undefined ? { address: o.workerAddress } : {}) },
            employer: { ...p.employer, ...(o.employer !== undefined ? { name: o.employer } : {}) },
            claimsAdministrator: { ...p.claimsAdministrator, ...(o.claimsAdministrator !== undefined ? { name: o.claimsAdministrator } : {}), ...(o.claimNumber !== undefined ? { claimNumber: o.claimNumber } : {}) },
          };
        }
        await previewOrIssue(
          o,
          'imr case correct-clerical',
          () => service.previewClericalCorrection(ref, fix, o.reason),
          (previewHash) => service.correctClerical(ref, actorOf(o), fix, o.reason, { previewHash }),
        );
      });
    });

  common(cmd.command('request-correction').description("ask the assigned reviewer to correct the issued determination's decisions or rationales (shown in their queue with the note)"))
    .argument('<case>', 'case number or #id')
    .requiredOption('--note <text>', 'what the reviewer should correct, and why')
    .action(async (ref: string, o: Common & { note: string }) => {
      await withService(o, async (service) => {
        const c = await service.requestCorrection(ref, actorOf(o), o.note);
        if (o.json) printJson(c);
        else process.stdout.write(`${c.caseNumber}: correction requested of reviewer ${c.reviewerId}\n`);
      });
    });

  addDecisionOptions(
    common(cmd.command('make-correction').description('the reviewer\'s answer to a correction request: the corrected decisions and the reason (nothing is issued: see issue-correction)'))
      .argument('<case>', 'case number or #id')
      .requiredOption('--reason <text>', 'why the determination is corrected'),
  ).action(async (ref: string, o: Common & Record<string, any>) => {
    const inputs = o.file ? await decisionsFromFile(o.file) : decisionInputs(o as Parameters<typeof decisionInputs>[0]);
    await withService(o, async (service) => {
      const c = await service.makeCorrection(ref, actorOf(o), inputs, o.reason);
      if (o.json) printJson(c);
      else process.stdout.write(`${c.caseNumber}: correction made; the coordinator issues it with imr case issue-correction ${c.caseNumber}\n`);
    });
  });

  common(cmd.command('issue-correction').description("preview the letter of the reviewer's correction (version N+1, marked Corrected); with --confirm, issue it"))
    .argument('<case>', 'case number or #id')
    .option('--confirm', 'issue the corrected letter previewed (without it nothing is issued: the preview is printed)')
    .option('--preview-hash <hash>', 'with --confirm: issue only if the letter is still the one of this preview')
    .option('--preview-out <file>', 'write the preview to a file instead of printing it')
    .action(async (ref: string, o: Common & { confirm?: boolean; previewHash?: string; previewOut?: string }) => {
      checkHash(o);
      await withService(o, async (service) => {
        await previewOrIssue(
          o,
          'imr case issue-correction',
          () => service.previewRequestedCorrection(ref),
          (previewHash) => service.issueRequestedCorrection(ref, actorOf(o), { previewHash }),
        );
      });
    });

  common(cmd.command('cancel-correction').description('withdraw an open correction request; nothing is issued'))
    .argument('<case>', 'case number or #id')
    .action(async (ref: string, o: Common) => {
      await withService(o, async (service) => {
        const c = await service.cancelCorrection(ref, actorOf(o));
        if (o.json) printJson(c);
        else process.stdout.write(`${c.caseNumber}: correction request cancelled\n`);
      });
    });

  common(cmd.command('terminate').description('end a case whose treatment the claims administrator authorised'))
    .argument('<case>', 'case number or #id')
    .requiredOption('--reason <text>', 'why')
    .action(async (ref: string, o: Common & { reason: string }) => {
      await withService(o, async (service) => {
        const c = await service.terminate(ref, actorOf(o), o.reason);
        if (o.json) printJson(c);
        else process.stdout.write(`${c.caseNumber ?? `#${c.id}`}: terminated\n`);
      });
    });

  common(cmd.command('show').description('a case with its deadlines, decisions, issued versions and audit history'))
    .argument('<case>', 'case number or #id')
    .action(async (ref: string, o: Common) => {
      await withService(o, async (service) => {
        const view = await service.view(ref);
        const history = await service.history(ref);
        const versions = (await service.issuedVersions(ref)).map((v) => ({ version: v.version, issuedAt: v.issuedAt, issuedBy: v.issuedBy, reason: v.reason, withdrawn: v.withdrawn ?? null }));
        if (o.json) return printJson({ ...view, issued: versions, history });
        process.stdout.write(describeCase(view));
        for (const v of versions) process.stdout.write(`  version ${v.version} issued ${v.issuedAt} by ${v.issuedBy}${v.reason ? ` — ${v.reason}` : ''}${v.withdrawn ? ` (withdrawn ${v.withdrawn.at} by ${v.withdrawn.by}: ${v.withdrawn.reason})` : ''}\n`);
        process.stdout.write('  history:\n');
        for (const e of history) process.stdout.write(`    ${e.at}  ${e.actor}  ${e.action}\n`);
      });
    });

  common(cmd.command('list').description('cases with their deadline flags'))
    .addOption(new Option('--state <state>', 'only cases in this state').choices(CaseState.options))
    .option('--flagged', 'only at-risk and overdue cases')
    .action(async (o: Common & { state?: CaseState; flagged?: boolean }) => {
      await withService(o, async (service) => {
        const views = await service.list({ ...(o.state ? { states: [o.state] } : {}), flagged: !!o.flagged });
        const rows = views.map((v) => {
          const open = v.deadlines.filter((d) => !d.metOn && d.kind !== 'application');
          return { case: v.case.caseNumber ?? `#${v.case.id}`, state: v.case.state, priority: v.case.priority, reviewer: v.case.reviewerId ?? '', due: open[0]?.due ?? '', flag: v.urgency ?? '' };
        });
        if (o.json) printJson(rows);
        else process.stdout.write(toTable(rows, ['case', 'state', 'priority', 'reviewer', 'due', 'flag']));
      });
    });

  cmd
    .command('audit')
    .description('list the audit trail, newest first, filtered by case, actor, action and dates (UTC days, both included)')
    .addOption(dbOption())
    .option('--case <case>', 'only the entries of this case (case number or #id)')
    .option('--actor <name>', "only entries whose actor's name contains this (case-insensitive)")
    .option('--action <action>', 'only entries of this action (e.g. issue-determination)')
    .option('--from <date>', 'entries on or after this day')
    .option('--to <date>', 'entries on or before this day')
    .option('--limit <n>', 'at most N entries (default 50)')
    .option('--offset <n>', 'skip the first N (newest) entries')
    .option('--json', 'JSON: { total, items }')
    .action(async (o: { db: string; case?: string; actor?: string; action?: string; from?: string; to?: string; limit?: string; offset?: string; json?: boolean }) => {
      const from = isoDateOption('from', o.from);
      const to = isoDateOption('to', o.to);
      if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const limit = positiveInt('limit', o.limit, 50, 10_000);
      const offset = positiveInt('offset', o.offset, 0, 1_000_000_000, 0);
      await withService(o, async (service, store) => {
        const caseId = o.case ? (await service.view(o.case)).case.id : undefined;
        const page = await store.audit.page({ ...(caseId ? { caseId } : {}), ...(o.actor ? { actor: o.actor } : {}), ...(o.action ? { action: o.action } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), order: 'desc', limit, offset });
        if (o.json) return printJson(page);
        const rows = page.items.map((e) => ({ seq: e.seq, at: e.at, actor: printable(e.actor), action: e.action, case: e.caseId === null ? '' : `#${e.caseId}` }));
        process.stdout.write(toTable(rows, ['seq', 'at', 'actor', 'action', 'case']));
        process.stdout.write(`${page.items.length ? `${offset + 1}-${offset + page.items.length}` : 'none'} of ${page.total} entries, newest first\n`);
      });
    });

  cmd
    .command('verify-audit')
    .description('verify the audit trail (hash chain, seal, signed checkpoint) and replay it against every case, decision and user role, naming what disagrees')
    .addOption(dbOption())
    .option('--seal', 'first seal the entries written before the audit key (only when the whole chain verifies)')
    .option('--checkpoint <file...>', 'also check the trail against signed checkpoints saved elsewhere with --save-checkpoint')
    .option('--save-checkpoint <file>', 'once it verifies, write the signed checkpoint of its head to FILE (0600), to keep apart from the database')
    .option('--force', 'replace --save-checkpoint FILE if it exists')
    .action(async (o: { db: string; seal?: boolean; checkpoint?: string[]; saveCheckpoint?: string; force?: boolean }) => {
      if (o.saveCheckpoint) checkOutFile(o.saveCheckpoint, !!o.force, '--save-checkpoint');
      await withService(o, async (_service, store) => {
        if (o.seal) {
          if (!store.seal) throw new UsageError('this store has no audit key to seal with: set IMR_AUDIT_KEY');
          process.stdout.write(`sealed ${await store.audit.sealUnsealed()} entries written before the audit key\n`);
        }
        const saved = (o.checkpoint ?? []).map((path) => {
          const checkpoint = readCheckpoint(path);
          if (!checkpoint) throw new UsageError(`--checkpoint ${path}: no such file`);
          return { path, checkpoint };
        });
        if ((saved.length || o.saveCheckpoint) && !store.seal) throw new UsageError('this store has no audit key, so its checkpoints are not signed: set IMR_AUDIT_KEY');
        const r = await verifyAuditTrail(store, { saved });
        const seal = r.sealedWith ? `sealed with the key in ${r.sealedWith}${r.checkpoint === null ? '' : `, signed checkpoint at entry ${r.checkpoint}`}` : 'unkeyed (set IMR_AUDIT_KEY to seal it)';
        process.stdout.write(`audit trail verifies: ${r.entries} entries, ${seal}; ${r.cases} cases and ${r.users} users agree with it\n`);
        if (o.saveCheckpoint) {
          const head = await store.audit.headCheckpoint();
          if (head) {
            writePrivateFile(o.saveCheckpoint, JSON.stringify(head) + '\n');
            process.stdout.write(`saved the signed checkpoint of entry ${head.seq} to ${o.saveCheckpoint}\n`);
          }
        }
      });
    });
}
