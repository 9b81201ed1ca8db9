import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import {
  AssignmentError,
  AuditIntegrityError,
  ConflictError,
  DuplicateError,
  NotFoundError,
  PreviewMismatchError,
  TransitionError,
  ValidationError,
  type CaseAssessment,
  type CaseFile,
  type Determination,
} from '../../domain/index.js';
import { normalizeTreatment } from '../../clinical/treatments/index.js';
import { assessCase } from '../../engine/index.js';
import { parseLetterFile, parseLetterText, readLetterBytes } from '../../letters/index.js';
import { renderPdf, renderText } from '../../letters/render/index.js';
import { openStore, type Store } from '../../store/index.js';
import { CaseService } from './case-service.js';
import type { Clock } from '../deadlines/clock.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

/** A small deterministic stand-in for the engine: imaging is not necessary, everything else is. */
function testAssessor(file: CaseFile): CaseAssessment {
  return {
    engineVersion: 'test-1',
    items: file.items.map((i) => {
      const treatment = i.treatment ?? normalizeTreatment(i.request);
      const decision = treatment.category === 'imaging' ? 'upheld' : 'overturned';
      return { index: i.index, request: i.request, treatment, decision, flagged: false, flagReason: null, guideline: null, guidelineEntryId: null, criteria: [], rationale: '', confidence: 0.9 };
    }),
  };
}

const MRI_RATIONALE = 'There are no red flags and no unequivocal neurologic findings; the injury is 20 days old and improving with physical therapy. The request for MRI of neck and right hand without contrast is not medically necessary.';
const ACU_RATIONALE = 'Acupuncture is an option as an adjunct to physical rehabilitation; six visits are within the recommended trial. The request for Acupuncture 3 times a week for 2 weeks is medically necessary.';

describe('IMR case workflow end to end', () => {
  let store: Store;
  let now = '2016-12-05T17:00:00Z';
  const clock: Clock = { now: () => new Date(now) };
  let service: CaseService;
  let letter: Determination;

  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    service = new CaseService(store, { clock, assessor: testAssessor });
    letter = (await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'))).determination;
    now = '2016-12-05T17:00:00Z';
    for (const r of REVIEWERS) await service.addReviewer(r, 'registrar');
  });
  afterEach(async () => store.close());

  async function auditCount() {
    return (await store.audit.list()).length;
  }

  it('takes a case from application to an issued PDF letter, with deadlines, conflicts, corrections and a verifying audit trail', async () => {
    const opened = await service.open(caseFromLetter(letter), 'intake');
    expect(opened).toMatchObject({ state: 'received', version: 1, caseNumber: null });

    const eligible = await service.checkEligibility(`#${opened.id}`, 'intake');
    expect(eligible.state).toBe('eligible');
    const assigned = await service.assignCaseNumber(String(opened.id), 'intake');
    expect(assigned.caseNumber).toBe('CM16-0000001');
    const ref = assigned.caseNumber!;

    // Records requested electronically on Tue 2016-12-06: 12 days end on Sunday 12-18, so Monday 12-19.
    now = '2016-12-06T17:00:00Z';
    await service.requestRecords(ref, 'intake', { electronic: true });
    now = '2016-12-16T17:00:00Z';
    let view = await service.view(ref);
    expect(view.deadlines.find((d) => d.kind === 'records')).toMatchObject({ due: '2016-12-19', status: 'at-risk', daysLeft: 3 });
    expect((await service.list({ flagged: true })).map((v) => v.case.caseNumber)).toEqual([ref]);

    // Missing records are refused and change nothing.
    const before = await store.cases.find(ref);
    await expect(service.receiveRecords(ref, 'intake', [])).rejects.toThrow(/missing records/);
    expect((await store.cases.find(ref)).version).toBe(before.version);
    // Deciding before records and a reviewer is an illegal move.
    await expect(service.decide(ref, 'dr', [])).rejects.toThrow(TransitionError);

    await service.receiveRecords(ref, 'intake', [{ title: 'PR-2 progress report', date: '2016-11-21', text: 'Neck strain, right hand contusion; improving with physical therapy.' }]);
    view = await service.view(ref);
    // Standard review: 30 days from receipt (Fri 12-16) is Sunday 2017-01-15; the organisation's own limit is not rolled forward.
    expect(view.deadlines.find((d) => d.kind === 'records')?.status).toBe('met');
    expect(view.deadlines.find((d) => d.kind === 'decision')).toMatchObject({ due: '2017-01-15', status: 'ok' });

    // Conflicts and other hard blocks name their reason and change nothing.
    const audited = await auditCount();
    await expect(service.assignReviewer(ref, 'assigner', 'R-001')).rejects.toThrow(
      'reviewer R-001 may not review case CM16-0000001: conflict of interest: tied to the employer Sunrise Packaging Company (medical director until 2015)',
    );
    await expect(service.assignReviewer(ref, 'assigner', 'R-003')).rejects.toThrow(/not in active practice: 10 hours a week, at least 24 required/);
    await expect(service.assignReviewer(ref, 'assigner', 'R-999')).rejects.toThrow(NotFoundError);
    expect(await auditCount()).toBe(audited);
    expect((await store.cases.find(ref)).state).toBe('records-received');
    const { match } = await service.assignReviewer(ref, 'assigner');
    expect(match.reviewer.id).toBe('R-002');

    now = '2017-01-12T17:00:00Z';
    expect((await service.view(ref)).urgency).toBe('at-risk');
    // A decision without rationale, and an override of the draft without a reason, are refused whole.
    const v = (await store.cases.find(ref)).version;
    await expect(service.decide(ref, 'dr-free', [{ index: 1, decision: 'upheld', guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: '  ' }])).rejects.toThrow(
      'decision refused: items.1.rationale: a decision needs a rationale',
    );
    await expect(service.decide(ref, 'dr-free', [{ index: 2, decision: 'upheld', guidelines: 'MTUS Acupuncture Treatment 2007', rationale: 'x' }])).rejects.toThrow(/engine drafted "overturned"/);
    expect((await store.cases.find(ref)).version).toBe(v);

    const partly = await service.decide(ref, 'dr-free', [
      { index: 1, decision: 'upheld', guidelines: 'Decision based on MTUS Neck and Upper Back Complaints 2004, Section(s): Special Studies.', rationale: MRI_RATIONALE },
    ]);
    expect(partly.state).toBe('in-review');
    // Someone holding the old version cannot overwrite the decision just made.
    await expect(service.decide(ref, 'dr-other', [{ index: 2, decision: 'overturned', guidelines: 'MTUS Acupuncture Treatment 2007', rationale: ACU_RATIONALE }], { expectedVersion: v })).rejects.toThrow(ConflictError);
    const decided = await service.decide(ref, 'dr-free', [{ index: 2, decision: 'overturned', guidelines: 'MTUS Acupuncture Treatment 2007', rationale: ACU_RATIONALE }], { expectedVersion: partly.version });
    expect(decided).toMatchObject({ state: 'decided', decidedOn: '2017-01-12' });
    expect((await service.view(ref)).deadlines.find((d) => d.kind === 'decision')?.status).toBe('met');

    // Nothing is published unseen: the preview shows the letter as it would be published and every removal;
    // issuing with a hash other than the preview's publishes nothing.
    const preview = await service.previewIssue(ref);
    expect(preview.version).toBe(1);
    expect(preview.removals.length).toBeGreaterThan(0);
    for (const r of preview.removals) {
      const field = r.field!.split('.').reduce<any>((o, k) => o[k], preview.determination);
      expect(field.slice(r.start, r.end)).toBe(r.original);
    }
    expect(JSON.stringify(preview.published)).not.toContain('Gonzalez');
    await expect(service.issue(ref, 'dr-free', { previewHash: 'f'.repeat(64) })).rejects.toThrow(PreviewMismatchError);
    expect(await service.issuedVersions(ref)).toEqual([]);
    const { issued } = await service.issue(ref, 'dr-free', { previewHash: preview.previewHash });
    expect(issued.version).toBe(1);
    expect(issued.published).toEqual(preview.published);

    // The published PDF reads back to the case's facts, without the reviewer's identity or any party.
    const pdf = await renderPdf(issued.published);
    const { text } = await readLetterBytes(pdf, `${ref}.pdf`);
    const back = parseLetterText(text, `${ref}.pdf`);
    expect(back).toMatchObject({
      caseNumber: 'CM16-0000001',
      priority: 'standard',
      dates: { assigned: '2016-12-05', decision: '2017-01-12', urDenial: '2016-12-01', applicationReceived: '2016-12-01', injury: ['2016-11-01'] },
      reviewer: { boardCertifications: ['Physical Medicine and Rehabilitation'], subspecialties: ['Pain Medicine'], licensureStates: ['CA', 'AZ'] },
      patient: { age: 60, sex: 'male' },
    });
    expect(back.items.map((i) => [i.request, i.decision, i.imrGuidelines.map((g) => g.document)])).toEqual([
      ['MRI of neck and right hand without contrast', 'upheld', ['ACOEM Chapter 8 Neck and Upper Back Complaints']],
      ['Acupuncture 3 times a week for 2 weeks, neck, right hand and head', 'overturned', ['Acupuncture Medical Treatment Guidelines']],
    ]);
    for (const secret of ['Gonzalez', 'Whitfield', 'Valley Orthopedic', 'Sunrise', 'Golden State', 'SCIF-05512877', 'Beatrice', 'R-002']) expect(text).not.toContain(secret);

    // Issued is frozen: deciding again is illegal; a correction is version 2 and version 1 stays.
    await expect(service.decide(ref, 'dr-free', [{ index: 1, decision: 'overturned', guidelines: 'MTUS', rationale: 'x', overrideReason: 'y' }])).rejects.toThrow(TransitionError);
    const corrected = await service.correct(ref, 'dr-free', [{ index: 1, decision: 'upheld', guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: `${MRI_RATIONALE} (Citation corrected.)` }], 'citation omitted the section');
    expect(corrected.issued).toMatchObject({ version: 2, reason: 'citation omitted the section' });
    const versions = await service.issuedVersions(ref);
    expect(versions.map((x) => x.version)).toEqual([1, 2]);
    expect(versions[0]!.determination.items[0]!.rationale).toBe(MRI_RATIONALE);
    // The correction says so on its letter and withdraws the version it replaces from publication.
    expect(renderText(corrected.issued.published)).toMatch(/^Corrected: version 2, replacing version 1/);
    expect(versions[0]!.withdrawn).toMatchObject({ by: 'dr-free', reason: 'replaced by corrected version 2' });
    expect(versions[1]!.withdrawn).toBeNull();
    expect((await store.issued.getPublished(versions[0]!.caseId))?.version).toBe(2);
    // A leaked version can be withdrawn: the public then has none; withdrawing again changes nothing.
    const withdrawn = await service.withdraw(ref, 'coordinator', 'a family name was left in the summary');
    expect(withdrawn).toMatchObject({ version: 2, withdrawn: { by: 'coordinator', reason: 'a family name was left in the summary' } });
    expect(await store.issued.getPublished(versions[0]!.caseId)).toBeNull();
    await service.withdraw(ref, 'coordinator', 'again', 2);
    await expect(service.withdraw(ref, 'coordinator', '  ')).rejects.toThrow(/a withdrawal needs a reason/);

    // The audit trail verifies, names who did what, and a changed entry is found.
    const history = await service.history(ref);
    expect(history.map((e) => e.action)).toEqual([
      'open', 'check-eligibility', 'assign-case-number', 'request-records', 'receive-records', 'assign-reviewer', 'store-draft', 'decide', 'decide', 'issue', 'issue-determination', 'correct', 'issue-determination',
      'withdraw-published', 'withdraw-published',
    ]);
    expect(history[6]).toMatchObject({ action: 'store-draft', after: { engineVersion: 'test-1', modelVersion: null } });
    expect(history[7]).toMatchObject({ actor: 'dr-free', before: { decisions: [] }, after: { decisions: [{ index: 1, decision: 'upheld', engineDecision: 'upheld' }] } });
    expect(history[8]).toMatchObject({ before: { state: 'in-review', decidedOn: null }, after: { state: 'decided', decidedOn: '2017-01-12' } });
    const total = await service.verifyAudit();
    expect(total).toBe(history.length + REVIEWERS.length);
    const target = history[5]!.seq;
    await sql`UPDATE audit_log SET actor = 'mallory' WHERE seq = ${target}`.execute(store.db);
    await expect(service.verifyAudit()).rejects.toThrow(`audit trail does not verify at entry ${target}: its content does not match its hash`);
    await expect(service.verifyAudit()).rejects.toThrow(AuditIntegrityError);
  });

  it('stores the draft when the case enters review, and judges an override against it, not a fresh run of a changed engine', async () => {
    const c = await service.open(caseFromLetter(letter), 'intake');
    const ref = `#${c.id}`;
    await service.checkEligibility(ref, 'intake');
    const numbered = await service.assignCaseNumber(ref, 'intake');
    await service.requestRecords(numbered.caseNumber!, 'intake', { electronic: true });
    await service.receiveRecords(numbered.caseNumber!, 'intake', [{ title: 'PR-2', text: 'Neck strain; improving with physical therapy.' }]);
    // No draft is stored before review.
    expect(await store.drafts.get(c.id)).toBeNull();
    await service.assignReviewer(numbered.caseNumber!, 'assigner');
    const stored = await store.drafts.get(c.id);
    expect(stored).toMatchObject({ engineVersion: 'test-1', modelVersion: null });
    expect(stored!.assessment.items.map((i) => i.decision)).toEqual(testAssessor(c.file).items.map((i) => i.decision));

    // The engine changes after the reviewer saw the draft: it now upholds everything.
    const changed = new CaseService(store, { clock, assessor: (f) => ({ ...testAssessor(f), engineVersion: 'test-2', items: testAssessor(f).items.map((i) => ({ ...i, decision: 'upheld' as const })) }) });
    expect((await changed.draft(numbered.caseNumber!))!.engineVersion).toBe('test-1');
    // Item 2 was drafted "overturned" in the stored draft: upholding it is an override, whatever the changed engine says now.
    await expect(changed.decide(numbered.caseNumber!, 'dr-free', [{ index: 2, decision: 'upheld', guidelines: 'MTUS Acupuncture Treatment 2007', rationale: 'x' }])).rejects.toThrow(/engine drafted "overturned"/);
    const decided = await changed.decide(numbered.caseNumber!, 'dr-free', [{ index: 2, decision: 'overturned', guidelines: 'MTUS Acupuncture Treatment 2007', rationale: 'x' }]);
    expect(decided.decisions[0]).toMatchObject({ index: 2, engineDecision: 'overturned', overrideReason: null });
  });

  it('stores the draft with the model version when the real engine drafts it', async () => {
    const real = new CaseService(store, { clock, assessor: (f) => assessCase(f) });
    const c = await real.open(caseFromLetter(letter), 'intake');
    const ref = `#${c.id}`;
    await real.checkEligibility(ref, 'intake');
    const n = (await real.assignCaseNumber(ref, 'intake')).caseNumber!;
    await real.requestRecords(n, 'intake', { electronic: true });
    await real.receiveRecords(n, 'intake', [{ title: 'PR-2', text: 'Neck strain.' }]);
    await real.assignReviewer(n, 'assigner');
    const stored = (await store.drafts.get(c.id))!;
    expect(stored.modelVersion).toMatch(/^overturn-lr\/1 /);
    for (const it of stored.assessment.items) expect(typeof it.probability).toBe('number');
  });

  it('records an ineligible application with every reason', async () => {
    const c = await service.open(caseFromLetter(letter, { receivedDate: '2017-02-01', signed: false }), 'intake');
    const checked = await service.checkEligibility(String(c.id), 'intake');
    expect(checked.state).toBe('ineligible');
    expect(checked.eligibility?.reasons).toEqual([
      'filed late: received 2017-02-01, the last day was 2017-01-05 (30 days from service of the UR decision + 5 for service by mail (CCP §1013(a)) (Lab. Code §4610.5(h)(1); 8 CCR §9792.10.1(b)(1)))',
      'the application is not signed',
    ]);
    await expect(service.assignCaseNumber(String(c.id), 'intake')).rejects.toThrow('cannot assign case number a case that is ineligible; allowed only when eligible');
  });

  it('refuses a duplicate case number and an invalid case, writing nothing', async () => {
    await service.open(caseFromLetter(letter), 'intake', { caseNumber: 'CM16-0230548' });
    const audited = await auditCount();
    await expect(service.open(caseFromLetter(letter), 'intake', { caseNumber: 'cm16-0230548' })).rejects.toThrow(new DuplicateError('case number CM16-0230548'));
    const bad = caseFromLetter(letter) as any;
    bad.application.receivedDate = '12/05/2016';
    bad.file.items = [];
    const err = await service.open(bad, 'intake').catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i: any) => i.path.join('.'))).toEqual(['application.receivedDate', 'file.items']);
    expect(await store.cases.list()).toHaveLength(1);
    expect(await auditCount()).toBe(audited);
  });

  it('numbers cases per year from a sequence in the database', async () => {
    const numbers: string[] = [];
    for (const at of ['2016-12-30T17:00:00Z', '2016-12-30T18:00:00Z', '2017-01-03T17:00:00Z']) {
      now = at;
      const c = await service.open(caseFromLetter(letter, { receivedDate: '2016-12-02' }), 'intake');
      await service.checkEligibility(String(c.id), 'intake');
      numbers.push((await service.assignCaseNumber(String(c.id), 'intake')).caseNumber!);
    }
    expect(numbers).toEqual(['CM16-0000001', 'CM16-0000002', 'CM17-0000001']);
  });

  it('ranks reviewers by fit, then workload, and blocks an unavailable one', async () => {
    await service.updateReviewer('R-002', { available: false }, 'registrar');
    const c = await service.open(caseFromLetter(letter), 'intake');
    const ranked = await service.matches(String(c.id));
    expect(ranked.every((m) => m.blocks.length > 0)).toBe(true);
    expect(ranked.find((m) => m.reviewer.id === 'R-002')?.blocks).toEqual(['not available']);
    await service.addReviewer({ ...REVIEWERS[1], id: 'R-004', name: 'Dr. D', boardCertifications: ['Radiology'], subspecialties: [] }, 'registrar');
    await service.updateReviewer('R-002', { available: true }, 'registrar');
    const again = await service.matches(String(c.id));
    expect(again.slice(0, 2).map((m) => m.reviewer.id)).toEqual(['R-002', 'R-004']);
    expect(again[0]!.fit).toBeGreaterThan(again[1]!.fit);
  });
});
