/**
 * The IMR case workflow: every step of a case's life, each checked against
 * the lifecycle table and written with its audit entry in one transaction.
 * Reads happen before the transaction; the write names the version it read,
 * so a concurrent change fails with ConflictError instead of being lost.
 */
import {
  AssignmentError,
  CASE_NUMBER_FORMAT,
  CaseDocument,
  ConflictError,
  issuesFrom,
  NewCase,
  NotFoundError,
  CorrectionStateError,
  PreviewMismatchError,
  Reviewer,
  ValidationError,
  type CaseAssessment,
  type CaseState,
  type ImrCase,
  type ItemDecision,
  type Issue,
  type IssuedDetermination,
  type ReviewerInput,
} from '../../domain/index.js';
import type { CaseRepositories, Store } from '../../store/index.js';
import type { AuditEntry } from '../../domain/index.js';
import { systemClock, today, type Clock } from '../deadlines/clock.js';
import { allDecided, mergeDecisions, type Assessor, type DecisionInput } from './deciding.js';
import { caseDeadlines, urgency, type DeadlineWithStatus } from '../deadlines/deadlines.js';
import { checkEligibility } from './eligibility.js';
import { applyClerical, assertChanges, openRequest, parseClerical, withCorrected } from './corrections.js';
import { prepareIssue, publishedHash, type IssuePreview } from './issuing.js';
import { assertCanTake, assertTransition, type CaseAction } from './lifecycle.js';
import { rankReviewers, type ReviewerMatch } from './matching.js';

export interface CaseServiceOptions {
  clock?: Clock;
  /** The decision engine's drafting function; without it no draft is shown. */
  assessor?: Assessor | null;
}

/** A case with its deadlines and flag, as shown to people. */
export interface CaseView {
  case: ImrCase;
  deadlines: DeadlineWithStatus[];
  urgency: 'overdue' | 'at-risk' | null;
}

/** What changed between two versions of a case, for the audit entry; document texts are summarised. */
/** A case as its audit entries record it: the records' text is counted, not copied (it can be megabytes). */
export function auditedCase(c: ImrCase): Record<string, unknown> {
  return { ...c, file: { ...c.file, documents: c.file.documents.map((d) => ({ title: d.title, date: d.date ?? null, chars: d.text.length })) } };
}

function diff(before: ImrCase | null, after: ImrCase): { before: unknown; after: unknown } {
  const a = before && auditedCase(before);
  const b = auditedCase(after);
  if (!a) return { before: null, after: b };
  const changed = Object.keys(b).filter((k) => k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  return { before: Object.fromEntries(changed.map((k) => [k, a[k] ?? null])), after: Object.fromEntries(changed.map((k) => [k, b[k] ?? null])) };
}

/**
 * The version of the case the caller read. When given, a write to a case
 * that has changed since is refused with ConflictError, so two people
 * cannot overwrite each other's work.
 */
export interface VersionCheck {
  expectedVersion?: number;
}

function versionOf(options: VersionCheck): VersionCheck {
  return options.expectedVersion === undefined ? {} : { expectedVersion: options.expectedVersion };
}

function checkVersion(c: ImrCase, options: VersionCheck): void {
  if (options.expectedVersion !== undefined && options.expectedVersion !== c.version) {
    throw new ConflictError(`case ${c.caseNumber ?? `#${c.id}`}`, options.expectedVersion, c.version);
  }
}

export class CaseService {
  private readonly clock: Clock;
  private readonly assessor: Assessor | null;

  constructor(
    private readonly store: Store,
    options: CaseServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.assessor = options.assessor ?? null;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private today(): string {
    return today(this.clock);
  }

  /**
   * Applies one lifecycle step: checks the move, writes the new case and its
   * audit entry (and anything `also` writes) in one transaction.
   */
  private async step(
    c: ImrCase,
    action: CaseAction,
    actor: string,
    next: ImrCase,
    options: { expectedVersion?: number; also?: (tx: CaseRepositories, saved: ImrCase) => Promise<void> } = {},
  ): Promise<ImrCase> {
    checkVersion(c, options);
    assertTransition(c.state, action, next.state);
    const at = this.now();
    const { before, after } = diff(c, next);
    return this.store.transaction(async (tx) => {
      const saved = await tx.cases.update({ ...next, updatedAt: at }, options.expectedVersion ?? c.version);
      await tx.audit.append({ actor, at, caseId: c.id, action, before, after });
      if (options.also) await options.also(tx, saved);
      return saved;
    });
  }

  /** Opens a case from its application, parties and case file (validated). A case number may be given for a case imported with one. */
  async open(input: unknown, actor: string, options: { caseNumber?: string } = {}): Promise<ImrCase> {
    const parsed = NewCase.safeParse(input);
    if (!parsed.success) throw new ValidationError('the case is not valid', issuesFrom(parsed.error));
    const caseNumber = options.caseNumber?.trim().toUpperCase() ?? null;
    if (caseNumber !== null && !CASE_NUMBER_FORMAT.test(caseNumber)) {
      throw new ValidationError(`case number "${options.caseNumber}" is not of the form CMyy-nnnnnnn`, [{ path: ['caseNumber'], message: 'expected CMyy-nnnnnnn' }]);
    }
    const at = this.now();
    const n = parsed.data;
    const items = n.file.items.map((i, k) => ({ ...i, index: i.index ?? k + 1 }));
    const c = {
      caseNumber,
      state: 'received' as CaseState,
      priority: n.priority,
      parties: n.parties,
      application: n.application,
      eligibility: null,
      assignedOn: null,
      records: null,
      reviewerId: null,
      file: { ...n.file, items, priority: n.priority },
      decisions: [],
      decidedOn: null,
      issuedVersion: 0,
      createdAt: at,
      updatedAt: at,
    };
    return this.store.transaction(async (tx) => {
      const saved = await tx.cases.insert(c);
      await tx.audit.append({ actor, at, caseId: saved.id, action: 'open', before: null, after: diff(null, saved).after });
      return saved;
    });
  }

  /** Checks eligibility and records the outcome: the case becomes eligible, or ineligible with its reasons. */
  async checkEligibility(ref: string, actor: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'check-eligibility');
    const eligibility = checkEligibility(c.application, c.file, this.today());
    return this.step(c, 'check-eligibility', actor, { ...c, eligibility, state: eligibility.eligible ? 'eligible' : 'ineligible' }, options);
  }

  /** Assigns the next case number of the year (keeps one the case was imported with). */
  async assignCaseNumber(ref: string, actor: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    checkVersion(c, options);
    assertCanTake(c.state, 'assign-case-number');
    const assignedOn = this.today();
    if (c.caseNumber) return this.step(c, 'assign-case-number', actor, { ...c, assignedOn, state: 'assigned', file: { ...c.file, caseNumber: c.caseNumber } }, options);
    // The number comes from the sequence inside the same transaction as the write.
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const caseNumber = await tx.cases.nextCaseNumber(Number(assignedOn.slice(0, 4)));
      const next: ImrCase = { ...c, caseNumber, assignedOn, state: 'assigned', file: { ...c.file, caseNumber }, updatedAt: at };
      assertTransition(c.state, 'assign-case-number', next.state);
      const saved = await tx.cases.update(next, c.version);
      const { before, after } = diff(c, next);
      await tx.audit.append({ actor, at, caseId: c.id, action: 'assign-case-number', before, after });
      return saved;
    });
  }

  /** Records that the claims administrator was asked for the records (the records deadline starts). */
  async requestRecords(ref: string, actor: string, options: { electronic: boolean } & VersionCheck): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'request-records');
    return this.step(c, 'request-records', actor, { ...c, state: 'records-requested', records: { requestedOn: this.today(), notifiedElectronically: options.electronic, receivedOn: null } }, versionOf(options));
  }

  /** Records receipt of the records; at least one document must be in the case file by then. */
  async receiveRecords(ref: string, actor: string, documents: unknown[], options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'receive-records');
    const issues: Issue[] = [];
    const docs: CaseDocument[] = [];
    documents.forEach((d, i) => {
      const r = CaseDocument.safeParse(d);
      if (r.success) docs.push(r.data);
      else issues.push(...issuesFrom(r.error, ['documents', i]));
    });
    if (issues.length) throw new ValidationError('the records are not valid', issues);
    const all = [...c.file.documents, ...docs];
    if (all.length === 0 || all.every((d) => !d.text.trim())) {
      throw new ValidationError(`missing records: case ${c.caseNumber ?? `#${c.id}`} has no medical records; give at least one document with text`, [{ path: ['documents'], message: 'no records received' }]);
    }
    return this.step(c, 'receive-records', actor, { ...c, state: 'records-received', records: { ...c.records!, receivedOn: this.today() }, file: { ...c.file, documents: all } }, options);
  }

  /** Every registered reviewer evaluated for the case: who may take it, best first, and who may not and why. */
  async matches(ref: string): Promise<ReviewerMatch[]> {
    const c = await this.store.cases.find(ref);
    return rankReviewers(await this.store.reviewers.list(), c, await this.store.cases.openWorkload());
  }

  /**
   * Assigns a reviewer: the one named (refused with every hard block's
   * reason) or else the best match. NotFoundError for an unknown reviewer.
   */
  async assignReviewer(ref: string, actor: string, reviewerId?: string, options: VersionCheck = {}): Promise<{ case: ImrCase; match: ReviewerMatch }> {
    const c = await this.store.cases.find(ref);
    // An unknown reviewer is a mistake in the request whatever the case's state.
    if (reviewerId) await this.store.reviewers.require(reviewerId);
    assertCanTake(c.state, 'assign-reviewer');
    const ranked = rankReviewers(await this.store.reviewers.list(), c, await this.store.cases.openWorkload());
    const match = reviewerId ? ranked.find((m) => m.reviewer.id === reviewerId)! : ranked[0];
    if (!match) throw new AssignmentError('no reviewer is registered');
    if (match.blocks.length) {
      const who = reviewerId ? `reviewer ${match.reviewer.id}` : 'no reviewer';
      throw new AssignmentError(
        reviewerId ? `${who} may not review case ${c.caseNumber ?? `#${c.id}`}: ${match.blocks.join('; ')}` : `${who} may review case ${c.caseNumber ?? `#${c.id}`}: every registered reviewer is blocked`,
        match.blocks.map((b) => ({ path: ['reviewer', match.reviewer.id], message: b })),
      );
    }
    // The draft the reviewer will see is stored with the case entering review, in the same transaction.
    const draft = this.assessor ? await this.assessor(c.file) : null;
    const saved = await this.step(c, 'assign-reviewer', actor, { ...c, reviewerId: match.reviewer.id, state: 'in-review' }, {
      ...options,
      ...(draft && {
        also: async (tx) => {
          const at = this.now();
          await tx.drafts.save(c.id, draft, at);
          await tx.audit.append({ actor, at, caseId: c.id, action: 'store-draft', before: null, after: { engineVersion: draft.engineVersion, modelVersion: draft.modelVersion ?? null } });
        },
      }),
    });
    return { case: saved, match };
  }

  /**
   * The engine's draft for the case: the one stored when it entered review,
   * else (a case not yet in review, or one that entered it without an
   * engine) a fresh one; null when no engine is plugged in and none is stored.
   */
  async draft(ref: string): Promise<CaseAssessment | null> {
    const c = await this.store.cases.find(ref);
    return this.draftOf(c);
  }

  /** The stored draft of the case, else a fresh one from the engine, else null. */
  private async draftOf(c: ImrCase): Promise<CaseAssessment | null> {
    const stored = await this.store.drafts.get(c.id);
    if (stored) return stored.assessment;
    return this.assessor ? await this.assessor(c.file) : null;
  }

  /** Records decisions on some or all items; the case is decided once every item is. */
  async decide(ref: string, actor: string, inputs: readonly DecisionInput[], options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'decide');
    // Judged against the draft the reviewer saw, not a fresh run of a possibly changed engine.
    const draft = await this.draftOf(c);
    const decisions = mergeDecisions(c, inputs, draft, actor, this.now());
    const done = allDecided(c, decisions);
    return this.step(c, 'decide', actor, { ...c, decisions, state: done ? 'decided' : 'in-review', decidedOn: done ? this.today() : null }, options);
  }

  /**
   * What issuing the case would publish, without publishing anything: the
   * redacted letter, each removal, and the hash that `issue` takes to
   * confirm it.
   */
  async previewIssue(ref: string): Promise<IssuePreview> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'issue');
    const next: ImrCase = { ...c, state: 'issued', issuedVersion: c.issuedVersion + 1 };
    if (!next.reviewerId) throw new AssignmentError(`case ${c.caseNumber} has no reviewer`);
    const reviewer = await this.store.reviewers.require(next.reviewerId);
    const { determination, published, report } = prepareIssue(next, reviewer, next.issuedVersion);
    return { caseId: c.id, caseNumber: c.caseNumber, version: next.issuedVersion, published, determination, removals: report, previewHash: publishedHash(published) };
  }

  /**
   * Issues the final determination (version 1): frozen from then on. With
   * `previewHash` (from `previewIssue`), it is issued only if the letter
   * would be published exactly as previewed.
   */
  async issue(ref: string, actor: string, options: VersionCheck & { previewHash?: string } = {}): Promise<{ case: ImrCase; issued: IssuedDetermination }> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'issue');
    return this.issueVersion(c, 'issue', actor, { ...c, state: 'issued', issuedVersion: c.issuedVersion + 1 }, null, options);
  }

  /**
   * Withdraws a published version (the latest published one when no
   * version is given): the public no longer gets it; the determination as
   * issued stays, and the withdrawal is audited.
   */
  async withdraw(ref: string, actor: string, reason: string, version?: number): Promise<IssuedDetermination> {
    const c = await this.store.cases.find(ref);
    if (!reason.trim()) throw new ValidationError('a withdrawal needs a reason', [{ path: ['reason'], message: 'required' }]);
    const target = version === undefined ? await this.store.issued.getPublished(c.id) : await this.store.issued.get(c.id, version);
    if (!target) throw new NotFoundError(version === undefined ? `a published determination of case ${c.caseNumber ?? `#${c.id}`}` : `version ${version} of the determination of case ${c.caseNumber ?? `#${c.id}`}`);
    if (target.withdrawn) return target;
    const withdrawn = { at: this.now(), by: actor, reason: reason.trim() };
    await this.store.transaction(async (tx) => {
      if (await tx.issued.withdraw(c.id, target.version, withdrawn)) {
        await tx.audit.append({ actor, at: withdrawn.at, caseId: c.id, action: 'withdraw-published', before: { version: target.version }, after: { version: target.version, withdrawn: true, reason: withdrawn.reason } });
      }
    });
    return { ...target, withdrawn };
  }

  /**
   * Corrects an issued determination: the decisions given replace those of
   * their items, and version N+1 is issued with the reason; every earlier
   * version stays as it was.
   */
  async correct(ref: string, actor: string, inputs: readonly DecisionInput[], reason: string, options: VersionCheck & { previewHash?: string } = {}): Promise<{ case: ImrCase; issued: IssuedDetermination }> {
    const c = await this.store.cases.find(ref);
    const next = await this.corrected(c, actor, inputs, reason);
    return this.issueVersion(c, 'correct', actor, next, reason.trim(), options);
  }

  /**
   * What a correction would publish, without publishing anything: the
   * redacted letter of version N+1 with the decisions given, every removal,
   * and the hash that `correct` takes to confirm it.
   */
  async previewCorrection(ref: string, actor: string, inputs: readonly DecisionInput[], reason: string): Promise<IssuePreview> {
    const c = await this.store.cases.find(ref);
    const next = await this.corrected(c, actor, inputs, reason);
    const reviewer = await this.store.reviewers.require(next.reviewerId!);
    const { determination, published, report } = prepareIssue(next, reviewer, next.issuedVersion);
    return { caseId: c.id, caseNumber: c.caseNumber, version: next.issuedVersion, published, determination, removals: report, previewHash: publishedHash(published) };
  }

  /** The case as a correction leaves it (checked: an issued case, a reason, valid decisions). */
  private async corrected(c: ImrCase, actor: string, inputs: readonly DecisionInput[], reason: string): Promise<ImrCase> {
    assertCanTake(c.state, 'correct');
    if (!reason.trim()) throw new ValidationError('a correction needs a reason', [{ path: ['reason'], message: 'required' }]);
    if (!c.reviewerId) throw new AssignmentError(`case ${c.caseNumber} has no reviewer`);
    if (c.correction) throw new CorrectionStateError(`a correction of case ${c.caseNumber ?? `#${c.id}`} was requested by ${c.correction.requestedBy}: make it as the answer to that request, for the coordinator to issue`);
    // Judged against the draft the reviewer saw, as a decision is.
    const draft = await this.draftOf(c);
    const decisions = mergeDecisions(c, inputs, draft, actor, this.now());
    return { ...c, decisions, decidedOn: this.today(), issuedVersion: c.issuedVersion + 1 };
  }

  /** The preview of the letter `next` would publish (its issued version is the one it would create). */
  private async previewOf(c: ImrCase, next: ImrCase): Promise<IssuePreview> {
    if (!next.reviewerId) throw new AssignmentError(`case ${c.caseNumber} has no reviewer`);
    const reviewer = await this.store.reviewers.require(next.reviewerId);
    const { determination, published, report } = prepareIssue(next, reviewer, next.issuedVersion);
    return { caseId: c.id, caseNumber: c.caseNumber, version: next.issuedVersion, published, determination, removals: report, previewHash: publishedHash(published) };
  }

  /** The case as the coordinator's clerical correction leaves it (checked: issued, a reason, valid fields that change something). */
  private clerical(c: ImrCase, input: unknown, reason: string): ImrCase {
    assertCanTake(c.state, 'correct-clerical');
    if (!reason.trim()) throw new ValidationError('a correction needs a reason', [{ path: ['reason'], message: 'required' }]);
    const next = applyClerical(c, parseClerical(input));
    assertChanges(c, next);
    return { ...next, issuedVersion: c.issuedVersion + 1 };
  }

  /**
   * What a clerical correction (parties, dates, the worker's age and sex)
   * would publish, without publishing anything. Decisions and rationales are
   * not part of it: those are asked of the reviewer (requestCorrection).
   */
  async previewClericalCorrection(ref: string, input: unknown, reason: string): Promise<IssuePreview> {
    const c = await this.store.cases.find(ref);
    return this.previewOf(c, this.clerical(c, input, reason));
  }

  /** Issues version N+1 with the clerical facts corrected, as previewed; the versions it replaces are withdrawn from publication. */
  async correctClerical(ref: string, actor: string, input: unknown, reason: string, options: VersionCheck & { previewHash?: string } = {}): Promise<{ case: ImrCase; issued: IssuedDetermination }> {
    const c = await this.store.cases.find(ref);
    return this.issueVersion(c, 'correct-clerical', actor, this.clerical(c, input, reason), reason.trim(), options);
  }

  /** Asks the assigned reviewer to correct the issued determination's decisions or rationales; the note says what and why. */
  async requestCorrection(ref: string, actor: string, note: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'request-correction');
    if (c.correction) throw new CorrectionStateError(`a correction of case ${c.caseNumber ?? `#${c.id}`} was already requested by ${c.correction.requestedBy}; issue or cancel it first`);
    if (!note.trim()) throw new ValidationError('a correction request needs a note for the reviewer', [{ path: ['note'], message: 'required' }]);
    if (!c.reviewerId) throw new AssignmentError(`case ${c.caseNumber} has no reviewer`);
    return this.step(c, 'request-correction', actor, { ...c, correction: { requestedBy: actor, requestedAt: this.now(), note: note.trim(), made: null } }, options);
  }

  /**
   * The reviewer's answer to a correction request: the corrected decisions
   * (validated as decisions are, against the draft they saw) and the reason.
   * Nothing is issued: the coordinator previews and issues it. Made again
   * before it is issued, the new answer replaces the earlier one.
   */
  async makeCorrection(ref: string, actor: string, inputs: readonly DecisionInput[], reason: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'make-correction');
    const request = openRequest(c, 'open');
    if (!reason.trim()) throw new ValidationError('a correction needs a reason', [{ path: ['reason'], message: 'required' }]);
    const draft = await this.draftOf(c);
    const at = this.now();
    const indexes = new Set(inputs.map((i) => i.index));
    const made = mergeDecisions(c, inputs, draft, actor, at).filter((d) => indexes.has(d.index));
    const current = new Map(c.decisions.map((d) => [d.index, d]));
    const same = (d: ItemDecision) => {
      const was = current.get(d.index);
      return !!was && was.decision === d.decision && was.rationale === d.rationale && JSON.stringify(was.guidelines) === JSON.stringify(d.guidelines);
    };
    if (made.every(same)) throw new ValidationError('the correction changes no decision, rationale or citation', made.map((d) => ({ path: ['items', d.index], message: 'as issued' })));
    const next: ImrCase = { ...c, correction: { ...request, made: { decisions: made, reason: reason.trim(), by: actor, at } } };
    // The corrected letter must be one that can be issued; found now, not when the coordinator tries.
    await this.previewOf(c, { ...next, decisions: withCorrected(c.decisions, made), issuedVersion: c.issuedVersion + 1 });
    return this.step(c, 'make-correction', actor, next, options);
  }

  /** The case as issuing the reviewer's correction leaves it. */
  private requested(c: ImrCase): { next: ImrCase; reason: string } {
    assertCanTake(c.state, 'issue-correction');
    const r = openRequest(c, 'made');
    return { next: { ...c, decisions: withCorrected(c.decisions, r.made!.decisions), decidedOn: this.today(), issuedVersion: c.issuedVersion + 1, correction: null }, reason: r.made!.reason };
  }

  /** What issuing the reviewer's correction would publish ("Corrected", version N+1), without publishing anything. */
  async previewRequestedCorrection(ref: string): Promise<IssuePreview> {
    const c = await this.store.cases.find(ref);
    return this.previewOf(c, this.requested(c).next);
  }

  /** Issues the reviewer's correction as previewed: version N+1, the versions it replaces withdrawn, the request closed. */
  async issueRequestedCorrection(ref: string, actor: string, options: VersionCheck & { previewHash?: string } = {}): Promise<{ case: ImrCase; issued: IssuedDetermination }> {
    const c = await this.store.cases.find(ref);
    const { next, reason } = this.requested(c);
    return this.issueVersion(c, 'issue-correction', actor, next, reason, options);
  }

  /** Withdraws a correction request (asked in error, or overtaken): the reviewer's queue no longer shows it; nothing is issued. */
  async cancelCorrection(ref: string, actor: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'cancel-correction');
    openRequest(c, 'open');
    return this.step(c, 'cancel-correction', actor, { ...c, correction: null }, options);
  }

  private async issueVersion(c: ImrCase, action: 'issue' | 'correct' | 'correct-clerical' | 'issue-correction', actor: string, next: ImrCase, reason: string | null, options: VersionCheck & { previewHash?: string }) {
    if (!next.reviewerId) throw new AssignmentError(`case ${c.caseNumber} has no reviewer`);
    const reviewer = await this.store.reviewers.require(next.reviewerId);
    const { determination, published } = prepareIssue(next, reviewer, next.issuedVersion);
    if (options.previewHash !== undefined && options.previewHash !== publishedHash(published)) {
      throw new PreviewMismatchError(`version ${next.issuedVersion} of the letter of case ${c.caseNumber ?? `#${c.id}`}`);
    }
    const issued: IssuedDetermination = { caseId: c.id, version: next.issuedVersion, determination, published, issuedAt: this.now(), issuedBy: actor, reason, withdrawn: null };
    // A correction withdraws every earlier version still published, in the same transaction.
    const earlier = action !== 'issue' ? (await this.store.issued.list(c.id)).filter((v) => !v.withdrawn) : [];
    const saved = await this.step(c, action, actor, next, {
      ...versionOf(options),
      also: async (tx) => {
        await tx.issued.insert(issued);
        await tx.audit.append({ actor, at: issued.issuedAt, caseId: c.id, action: 'issue-determination', before: null, after: { version: issued.version, contentHash: determination.contentHash, reason } });
        for (const v of earlier) {
          const w = { at: issued.issuedAt, by: actor, reason: `replaced by corrected version ${issued.version}` };
          if (await tx.issued.withdraw(c.id, v.version, w)) {
            await tx.audit.append({ actor, at: w.at, caseId: c.id, action: 'withdraw-published', before: { version: v.version }, after: { version: v.version, withdrawn: true, reason: w.reason } });
          }
        }
      },
    });
    return { case: saved, issued };
  }

  /** Ends a case whose treatment the claims administrator authorised. */
  async terminate(ref: string, actor: string, reason: string, options: VersionCheck = {}): Promise<ImrCase> {
    const c = await this.store.cases.find(ref);
    assertCanTake(c.state, 'terminate');
    if (!reason.trim()) throw new ValidationError('terminating a case needs a reason', [{ path: ['reason'], message: 'required' }]);
    return this.step(c, 'terminate', actor, { ...c, state: 'terminated' }, {
      ...options,
      also: async (tx) => {
        await tx.audit.append({ actor, at: this.now(), caseId: c.id, action: 'termination-reason', before: null, after: { reason: reason.trim() } });
      },
    });
  }

  /** A case with its deadlines. */
  async view(ref: string): Promise<CaseView> {
    const c = await this.store.cases.find(ref);
    return this.toView(c);
  }

  /** A case as read, with its deadlines as of today. */
  toView(c: ImrCase): CaseView {
    const t = this.today();
    return { case: c, deadlines: caseDeadlines(c, t), urgency: urgency(c, t) };
  }

  /** Cases with their deadline flags; `flagged` keeps only at-risk and overdue ones. */
  async list(filter: { states?: CaseState[]; flagged?: boolean } = {}): Promise<CaseView[]> {
    const views = (await this.store.cases.list(filter.states ? { states: filter.states } : {})).map((c) => this.toView(c));
    return filter.flagged ? views.filter((v) => v.urgency !== null) : views;
  }

  /**
   * One page of cases (oldest application first) with their deadline flags,
   * and how many there are in all. `flagged` keeps only at-risk and overdue
   * cases; flags depend on today's date, so that filter is applied in memory.
   */
  async page(filter: { states?: CaseState[]; reviewerId?: string; flagged?: boolean; limit: number; offset: number }): Promise<{ total: number; items: CaseView[] }> {
    const where = { ...(filter.states?.length ? { states: filter.states } : {}), ...(filter.reviewerId ? { reviewerId: filter.reviewerId } : {}) };
    if (filter.flagged) {
      const flagged = (await this.store.cases.list(where)).map((c) => this.toView(c)).filter((v) => v.urgency !== null);
      return { total: flagged.length, items: flagged.slice(filter.offset, filter.offset + filter.limit) };
    }
    const [total, cases] = [await this.store.cases.count(where), await this.store.cases.list({ ...where, limit: filter.limit, offset: filter.offset })];
    return { total, items: cases.map((c) => this.toView(c)) };
  }

  /** The case's audit entries, oldest first. */
  async history(ref: string): Promise<AuditEntry[]> {
    const c = await this.store.cases.find(ref);
    return this.store.audit.list(c.id);
  }

  /** Issued versions of the case's determination, oldest first. */
  async issuedVersions(ref: string): Promise<IssuedDetermination[]> {
    const c = await this.store.cases.find(ref);
    return this.store.issued.list(c.id);
  }

  /** Verifies the whole audit chain; throws AuditIntegrityError at the first bad entry. */
  verifyAudit(): Promise<number> {
    return this.store.audit.verify();
  }

  /** Registers a reviewer (validated), audited. */
  async addReviewer(input: unknown, actor: string): Promise<Reviewer> {
    const r = Reviewer.safeParse(input);
    if (!r.success) throw new ValidationError('the reviewer is not valid', issuesFrom(r.error));
    const at = this.now();
    await this.store.transaction(async (tx) => {
      await tx.reviewers.insert(r.data, at);
      await tx.audit.append({ actor, at, caseId: null, action: 'add-reviewer', before: null, after: { id: r.data.id } });
    });
    return r.data;
  }

  /** Changes a reviewer's record (availability, ties, credentials), audited. */
  async updateReviewer(id: string, patch: Partial<ReviewerInput>, actor: string): Promise<Reviewer> {
    const current = await this.store.reviewers.require(id);
    const r = Reviewer.safeParse({ ...current, ...patch, id });
    if (!r.success) throw new ValidationError('the reviewer is not valid', issuesFrom(r.error));
    const at = this.now();
    const changed = Object.keys(patch).filter((k) => JSON.stringify((current as Record<string, unknown>)[k]) !== JSON.stringify((r.data as Record<string, unknown>)[k]));
    await this.store.transaction(async (tx) => {
      await tx.reviewers.update(r.data, at);
      await tx.audit.append({
        actor,
        at,
        caseId: null,
        action: 'update-reviewer',
        before: { id, ...Object.fromEntries(changed.map((k) => [k, (current as Record<string, unknown>)[k]])) },
        after: { id, ...Object.fromEntries(changed.map((k) => [k, (r.data as Record<string, unknown>)[k]])) },
      });
    });
    return r.data;
  }
}
