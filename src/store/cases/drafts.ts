import type { Kysely } from 'kysely';
import { CaseAssessment } from '../../domain/index.js';
import type { Database } from '../schema.js';

/** A case's draft as stored when it entered review. */
export interface StoredDraft {
  caseId: number;
  engineVersion: string;
  modelVersion: string | null;
  assessment: CaseAssessment;
  createdAt: string;
}

/** The engine's drafts of cases, one per case: the one the current reviewer was shown. */
export class DraftRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores the case's draft, replacing an earlier one (a reassigned case gets the new reviewer's). */
  async save(caseId: number, assessment: CaseAssessment, at: string): Promise<StoredDraft> {
    const row = { case_id: caseId, engine_version: assessment.engineVersion, model_version: assessment.modelVersion ?? null, assessment: JSON.stringify(assessment), created_at: at };
    await this.db.deleteFrom('case_drafts').where('case_id', '=', caseId).execute();
    await this.db.insertInto('case_drafts').values(row).execute();
    return { caseId, engineVersion: row.engine_version, modelVersion: row.model_version, assessment, createdAt: at };
  }

  /** Stored drafts after case `afterCaseId`, by case id, at most `limit` (export). */
  async page(afterCaseId: number, limit: number): Promise<StoredDraft[]> {
    const rows = await this.db.selectFrom('case_drafts').selectAll().where('case_id', '>', afterCaseId).orderBy('case_id').limit(limit).execute();
    return rows.map((r) => ({ caseId: r.case_id, engineVersion: r.engine_version, modelVersion: r.model_version, assessment: CaseAssessment.parse(JSON.parse(r.assessment)), createdAt: r.created_at }));
  }

  /** Stores a draft as exported (import). */
  async restore(d: StoredDraft): Promise<void> {
    await this.db.insertInto('case_drafts').values({ case_id: d.caseId, engine_version: d.engineVersion, model_version: d.modelVersion, assessment: JSON.stringify(d.assessment), created_at: d.createdAt }).execute();
  }

  /** The case's stored draft, or null when it has none (it never entered review with an engine). */
  async get(caseId: number): Promise<StoredDraft | null> {
    const r = await this.db.selectFrom('case_drafts').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    if (!r) return null;
    return { caseId: r.case_id, engineVersion: r.engine_version, modelVersion: r.model_version, assessment: CaseAssessment.parse(JSON.parse(r.assessment)), createdAt: r.created_at };
  }
}
