import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CaseFile, issuesFrom, type CaseAssessment } from '../../domain/index.js';
import { assessCase, caseFileFromDetermination, describeStructure, InvalidCaseError } from '../../engine/index.js';
import { parseLetterFile } from '../../letters/index.js';
import { UsageError } from '../errors.js';
import { modelFromEnvironment, readModelFile } from '../engine/index.js';

/** Reads FILE as a case JSON (validated) or, for any other file, as a letter the parser reads. */
export async function loadCase(path: string): Promise<CaseFile> {
  if (path.toLowerCase().endsWith('.json')) {
    let raw: string;
    try {
      raw = await readFile(path, 'utf8');
    } catch (err) {
      throw new UsageError(`${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new InvalidCaseError(path, [{ path: [], message: `not JSON: ${(err as Error).message}` }]);
    }
    const parsed = CaseFile.safeParse(json);
    if (!parsed.success) throw new InvalidCaseError(path, issuesFrom(parsed.error));
    return parsed.data;
  }
  const { determination } = await parseLetterFile(path);
  return caseFileFromDetermination(determination);
}

const MARK = { met: '+', 'not-met': 'x', 'not-documented': '?' } as const;

/** The assessment for a person: each item's decision, citation, criteria with evidence, rationale. */
export function formatAssessment(a: CaseAssessment): string {
  const out: string[] = [];
  if (a.findings) {
    const f = a.findings;
    if (f.diagnoses.length) out.push(`Diagnoses: ${f.diagnoses.map((d) => d.text).join('; ')}`);
    if (f.medications.length) out.push(`Current medications: ${f.medications.map((m) => `${m.name} (${m.drugClass})`).join(', ')}`);
    if (f.painScores.length) out.push(`Pain scores: ${f.painScores.map((p) => `${p.value}/10`).join(', ')}`);
    if (out.length) out.push('');
  }
  if (a.modelVersion) out.push(`Model: ${a.modelVersion}`, '');
  for (const it of a.items) {
    const head = it.flagged ? 'FLAGGED for the reviewer' : `${it.decision === 'overturned' ? 'Overturned (medically necessary)' : 'Upheld (not medically necessary)'}  confidence ${it.confidence.toFixed(2)}`;
    out.push(`${it.index}. ${it.request}: ${head}`);
    if (it.probability !== undefined) {
      const judgment = it.judgmentNeeded ? '  REVIEWER JUDGMENT NEEDED' : '';
      out.push(`   Probability of overturning: ${(100 * it.probability).toFixed(0)}%, recommendation: ${it.recommendation}${judgment}`);
    }
    if (it.flagReason) out.push(`   ${it.flagReason}`);
    const structure = it.structure ? describeStructure(it.structure) : [];
    if (structure.length) out.push(`   In this case: ${structure.join('; ')}`);
    if (it.guideline) out.push(`   Guideline: ${it.guideline.raw}`);
    for (const c of it.criteria) {
      out.push(`   [${MARK[c.status]}] ${c.description} (${c.status})`);
      for (const e of c.evidence.slice(0, 1)) out.push(`       "${e.text.replace(/\s+/g, ' ').slice(0, 140)}" (${e.source} ${e.start}-${e.end})`);
    }
    if (it.missingDocumentation?.length) {
      out.push('   What the record lacks (documentation that would change the outcome):');
      for (const m of it.missingDocumentation) out.push(`     - ${m.request}`);
    }
    out.push(`   Rationale: ${it.rationale}`, '');
  }
  return out.join('\n');
}

/** `imr decide FILE [--json]`: the engine's draft determination for a case JSON or a letter. */
export function registerDecide(program: Command): void {
  program
    .command('decide')
    .description('draft a determination for each disputed item of a case (case JSON or a letter file; a letter\'s decisions are never read)')
    .argument('<file>', 'case file (.json, validated against the CaseFile schema) or a letter (text, Markdown/HTML, PDF)')
    .option('--json', 'print the CaseAssessment as JSON')
    .option('--model <file>', 'overturn model file (from imr train); default: $IMR_MODEL, else the model shipped with the engine')
    .action(async (file: string, opts: { json?: boolean; model?: string }) => {
      const model = opts.model ? readModelFile(opts.model) : modelFromEnvironment();
      const assessment = assessCase(await loadCase(file), model ? { model } : {});
      process.stdout.write(opts.json ? JSON.stringify(assessment, null, 2) + '\n' : formatAssessment(assessment));
    });
}
