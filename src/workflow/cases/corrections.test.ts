import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import { CorrectionStateError, PreviewMismatchError, TransitionError, ValidationError, type Determination } from '../../domain/index.js';
import { assessCase } from '../../engine/index.js';
import { parseLetterFile } from '../../letters/index.js';
import { renderText } from '../../letters/render/index.js';
import { openStore, type Store } from '../../store/index.js';
import { AuditDisagreementError, verifyAuditTrail } from './audit-replay.js';
import { CaseService } from './case-service.js';
import type { Clock } from '../deadlines/clock.js';
import { actionsOn } from './lifecycle.js';
import { caseFromLetter, REVIEWERS } from '../../../test/case-fixtures.js';

/** The requests of a letter's items, in order. */
const versions0 = (d: Determination) => d.items.map((i) => i.request);

const MRI = 'No red flags and no neurological deficit; the injury is recent and improving with physical therapy. The request is not medically necessary.';
const ACU = 'A first trial of six visits of acupuncture as an adjunct to physical rehabilitation is within the guideline. The request is medically necessary.';

describe('corrections of an issued determination: clerical by the coordinator, decisions by the reviewer', () => {
  let store: Store;
  let now = '2016-12-05T17:00:00Z';
  const clock: Clock = { now: () => new Date(now) };
  let service: CaseService;
  let letter: Determination;
  let ref: string;

  /** The real letter CM16-0230548 as a case, decided by R-002 as the engine drafted it, and issued. */
  beforeEach(async () => {
    store = await openStore({ path: ':memory:' });
    service = new CaseService(store, { clock, assessor: assessCase });
    letter = (await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'))).determination;
    now = '2016-12-05T17:00:00Z';
    for (const r of REVIEWERS) await service.addReviewer(r, 'registrar');
    const opened = await service.open(caseFromLetter(letter), 'cora');
    ref = String(opened.id);
    await service.checkEligibility(ref, 'cora');
    await service.assignCaseNumber(ref, 'cora');
    await service.requestRecords(ref, 'cora', { electronic: true });
    await service.receiveRecords(ref, 'cora', [{ title: 'PR-2 progress report', date: '2016-11-21', text: 'Neck strain, right hand contusion; improving with physical therapy.' }]);
    await service.assignReviewer(ref, 'cora', 'R-002');
    const draft = (await service.draft(ref))!;
    const engine = draft.items.map((i) => i.recommendation ?? i.decision);
    now = '2016-12-20T17:00:00Z';
    await service.decide(ref, 'rita', [
      { index: 1, decision: engine[0]!, guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: MRI },
      { index: 2, decision: engine[1]!, guidelines: 'MTUS Acupuncture Treatment 2007', rationale: ACU },
    ]);
    const preview = await service.previewIssue(ref);
    await service.issue(ref, 'cora', { previewHash: preview.previewHash });
    now = '2017-01-09T17:00:00Z';
  });
  afterEach(async () => store.close());

  it('issues a clerical correction (dates, a party) as previewed, decisions untouched, the replaced version withdrawn, every step audited', async () => {
    const before = await store.cases.find(ref);
    const request2 = before.file.items[1]!.request;
    // A slip in a request as typed at intake (a comma left out) is a typo the coordinator fixes.
    const fix = {
      requests: [{ index: 2, request: request2.replace('right hand', 'right hand,') }],
      injuryDates: ['2016-10-31'],
      applicationReceived: '2016-12-02',
      parties: { ...before.parties, worker: { ...before.parties.worker, name: 'Mario Elías González', dateOfBirth: '1956-03-15' } },
    };
    const preview = await service.previewClericalCorrection(ref, fix, 'injury date and the worker\'s name mistyped at intake');
    expect(preview.version).toBe(2);
    const text = renderText(preview.published);
    expect(text).toMatch(/^Corrected: version 2, replacing version 1/);
    expect(preview.published.dates).toMatchObject({ injury: ['2016-10-31'], applicationReceived: '2016-12-02', decision: before.decidedOn });
    // The corrected name is what the redaction now removes; the letter names no party.
    expect(text).not.toMatch(/Gonz[aá]lez|Whitfield/);
    expect(preview.removals.some((r) => r.category === 'worker')).toBe(true);
    // Nothing is issued by a preview; a hash of another letter issues nothing.
    expect((await service.issuedVersions(ref)).map((v) => v.version)).toEqual([1]);
    await expect(service.correctClerical(ref, 'cora', fix, 'typo', { previewHash: '0'.repeat(64) })).rejects.toThrow(PreviewMismatchError);

    const done = await service.correctClerical(ref, 'cora', fix, "injury date and the worker's name mistyped at intake", { expectedVersion: before.version, previewHash: preview.previewHash });
    expect(done.issued).toMatchObject({ version: 2, issuedBy: 'cora', reason: "injury date and the worker's name mistyped at intake" });
    expect(done.case).toMatchObject({ state: 'issued', issuedVersion: 2, decisions: before.decisions, decidedOn: before.decidedOn });
    expect(done.case.parties.worker.name).toBe('Mario Elías González');
    expect(done.case.file.injuryDates).toEqual(['2016-10-31']);
    expect(done.case.file.items[1]!.request).toBe(request2.replace('right hand', 'right hand,'));
    expect(versions0(done.issued.published)).toEqual([before.file.items[0]!.request, request2.replace('right hand', 'right hand,')]);
    const versions = await service.issuedVersions(ref);
    expect(versions.map((v) => [v.version, v.withdrawn?.reason ?? null])).toEqual([
      [1, 'replaced by corrected version 2'],
      [2, null],
    ]);
    const history = await service.history(ref);
    expect(history.slice(-3).map((e) => `${e.actor}:${e.action}`)).toEqual(['cora:correct-clerical', 'cora:issue-determination', 'cora:withdraw-published']);
    expect(history.at(-3)).toMatchObject({ before: { issuedVersion: 1 }, after: { issuedVersion: 2, file: { injuryDates: ['2016-10-31'] } } });
    await expect(verifyAuditTrail(store)).resolves.toMatchObject({ cases: 1 });
  });

  it('refuses a clerical correction that is not one, by field, writing nothing', async () => {
    const audited = (await store.audit.list()).length;
    await expect(service.correctClerical(ref, 'cora', { injuryDates: ['2016-10-31'] }, '  ')).rejects.toThrow('a correction needs a reason');
    await expect(service.correctClerical(ref, 'cora', {}, 'typo')).rejects.toThrow('a clerical correction needs at least one field to correct');
    // A decision or the summary is the reviewer's: not a field of a clerical correction.
    const clinical = service.correctClerical(ref, 'cora', { decisions: [{ index: 1, decision: 'overturned' }], clinicalSummary: 'x' }, 'typo');
    await expect(clinical).rejects.toThrow(ValidationError);
    await expect(clinical).rejects.toMatchObject({ issues: [{ path: [], message: expect.stringMatching(/decisions.*clinicalSummary|Unrecognized/) }] });
    await expect(service.correctClerical(ref, 'cora', { injuryDates: ['10/31/2016'] }, 'typo')).rejects.toMatchObject({ issues: [{ path: ['injuryDates', 0] }] });
    const c = await store.cases.find(ref);
    await expect(service.correctClerical(ref, 'cora', { injuryDates: c.file.injuryDates }, 'typo')).rejects.toThrow(/changes nothing of case CM16-0000001/);
    // Another request is not a typo: the reviewer decided the one asked.
    const other = service.correctClerical(ref, 'cora', { requests: [{ index: 1, request: 'Physical therapy 2 times a week for 6 weeks' }, { index: 7, request: 'x' }] }, 'typo');
    await expect(other).rejects.toMatchObject({
      issues: [
        { path: ['requests', 1, 'index'], message: 'the case has no item 7 (items: 1, 2)' },
        { path: ['requests', 0, 'request'], message: expect.stringMatching(/^changes \d+ characters of item 1's request, more than a typo \(at most \d+\); a different request is the reviewer's to correct: ask them$/) },
      ],
    });
    expect((await store.audit.list()).length).toBe(audited);
    expect((await service.issuedVersions(ref)).length).toBe(1);
  });

  it('asks the reviewer for a correction of a rationale, which they make and the coordinator previews and issues', async () => {
    // Nothing to make or issue before it is asked; asking needs a note.
    await expect(service.makeCorrection(ref, 'rita', [{ index: 1, decision: 'upheld', guidelines: 'MTUS', rationale: 'x' }], 'r')).rejects.toThrow(new CorrectionStateError('no correction of case CM16-0000001 has been requested'));
    await expect(service.previewRequestedCorrection(ref)).rejects.toThrow(CorrectionStateError);
    await expect(service.requestCorrection(ref, 'cora', ' ')).rejects.toThrow('a correction request needs a note for the reviewer');
    const issuedCase = await store.cases.find(ref);
    expect(actionsOn(issuedCase)).toEqual(expect.arrayContaining(['correct', 'correct-clerical', 'request-correction']));
    expect(actionsOn(issuedCase)).not.toContain('issue-correction');

    const asked = await service.requestCorrection(ref, 'cora', 'Item 1: the rationale says the injury is recent; it was 20 days old at the request. Please correct.', { expectedVersion: issuedCase.version });
    expect(asked.correction).toMatchObject({ requestedBy: 'cora', requestedAt: '2017-01-09T17:00:00.000Z', made: null });
    expect(actionsOn(asked)).toEqual(expect.arrayContaining(['make-correction', 'cancel-correction', 'correct-clerical']));
    expect(actionsOn(asked)).not.toContain('correct');
    expect(actionsOn(asked)).not.toContain('issue-correction');
    await expect(service.requestCorrection(ref, 'cora', 'again')).rejects.toThrow(/already requested by cora; issue or cancel it first/);
    // With a request open the reviewer answers it, not a correction of their own; nothing is issued before it is made.
    await expect(service.correct(ref, 'rita', [{ index: 1, decision: 'upheld', guidelines: 'MTUS', rationale: 'x' }], 'r')).rejects.toThrow(/make it as the answer to that request/);
    await expect(service.issueRequestedCorrection(ref, 'cora')).rejects.toThrow(/has not been made by the reviewer yet/);
    const decided = issuedCase.decisions;
    await expect(service.makeCorrection(ref, 'rita', [{ index: 1, decision: decided[0]!.decision, guidelines: decided[0]!.guidelines, rationale: decided[0]!.rationale }], 'no change')).rejects.toThrow('the correction changes no decision, rationale or citation');

    now = '2017-01-10T15:00:00Z';
    const fixed = MRI.replace('the injury is recent', 'the injury was 20 days old at the request');
    const made = await service.makeCorrection(ref, 'rita', [{ index: 1, decision: decided[0]!.decision, guidelines: 'MTUS Neck and Upper Back Complaints 2004', rationale: fixed }], 'age of the injury misstated');
    expect(made.correction!.made).toMatchObject({ by: 'rita', reason: 'age of the injury misstated', decisions: [{ index: 1, rationale: fixed, decidedBy: 'rita' }] });
    // Made, not issued: the issued letter is unchanged until the coordinator issues it.
    expect(made.decisions[0]!.rationale).toBe(MRI);
    expect((await service.issuedVersions(ref)).length).toBe(1);
    expect(actionsOn(made)).toContain('issue-correction');

    const preview = await service.previewRequestedCorrection(ref);
    expect(renderText(preview.published)).toMatch(/^Corrected: version 2, replacing version 1/);
    expect(preview.published.items[0]!.rationale).toBe(fixed);
    expect(preview.published.items[1]!.rationale).toBe(ACU);
    const issued = await service.issueRequestedCorrection(ref, 'cora', { expectedVersion: made.version, previewHash: preview.previewHash });
    expect(issued.issued).toMatchObject({ version: 2, issuedBy: 'cora', reason: 'age of the injury misstated' });
    expect(issued.case.correction).toBeNull();
    expect(issued.case.decisions[0]).toMatchObject({ rationale: fixed, decidedBy: 'rita' });
    expect(issued.case.decidedOn).toBe('2017-01-10');
    expect((await service.issuedVersions(ref)).map((v) => [v.version, v.withdrawn?.reason ?? null])).toEqual([
      [1, 'replaced by corrected version 2'],
      [2, null],
    ]);
    const history = await service.history(ref);
    expect(history.slice(-5).map((e) => `${e.actor}:${e.action}`)).toEqual(['cora:request-correction', 'rita:make-correction', 'cora:issue-correction', 'cora:issue-determination', 'cora:withdraw-published']);
    // The trail replays to the case as stored, the request's whole life included.
    await expect(verifyAuditTrail(store)).resolves.toMatchObject({ cases: 1 });
    // Once issued the request is closed: a new one may be asked.
    expect(actionsOn(issued.case)).toContain('request-correction');
  });

  it('cancels a request; the replay names a request edited behind the trail', async () => {
    const asked = await service.requestCorrection(ref, 'cora', 'Item 2: the citation names the wrong guideline.');
    await expect(verifyAuditTrail(store)).resolves.toMatchObject({ cases: 1 });
    const row = await store.db.selectFrom('cases').select(['id', 'data']).executeTakeFirstOrThrow();
    const data = JSON.parse(row.data);
    await sql`UPDATE cases SET data = ${JSON.stringify({ ...data, correction: { ...data.correction, note: 'nothing to correct' } })} WHERE id = ${row.id}`.execute(store.db);
    const err = await verifyAuditTrail(store).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditDisagreementError);
    expect((err as AuditDisagreementError).issues).toEqual([{ path: ['case CM16-0000001', 'correction', 'note'], message: 'is "nothing to correct" in the database but "Item 2: the citation names the wrong guideline." by its audit trail' }]);
    await sql`UPDATE cases SET data = ${row.data} WHERE id = ${row.id}`.execute(store.db);

    const cancelled = await service.cancelCorrection(ref, 'cora', { expectedVersion: asked.version });
    expect(cancelled.correction).toBeNull();
    await expect(service.cancelCorrection(ref, 'cora')).rejects.toThrow(CorrectionStateError);
    await expect(service.makeCorrection(ref, 'rita', [{ index: 2, decision: 'overturned', guidelines: 'MTUS', rationale: 'x' }], 'r')).rejects.toThrow(CorrectionStateError);
    expect((await service.history(ref)).slice(-2).map((e) => e.action)).toEqual(['request-correction', 'cancel-correction']);
    await expect(verifyAuditTrail(store)).resolves.toMatchObject({ cases: 1 });
    // Only an issued case is corrected.
    const other = await service.open(caseFromLetter(letter), 'cora');
    await expect(service.requestCorrection(String(other.id), 'cora', 'x')).rejects.toThrow(TransitionError);
    await expect(service.previewClericalCorrection(String(other.id), { injuryDates: ['2016-10-31'] }, 'x')).rejects.toThrow(TransitionError);
  });
});
