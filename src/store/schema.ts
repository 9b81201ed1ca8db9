import type { Generated, Insertable, Selectable } from 'kysely';
import type { LetterFormat } from '../domain/index.js';

/**
 * The corpus store's tables as Kysely sees them. Types are the portable
 * subset both SQLite and PostgreSQL hold alike: booleans are 0/1 integers,
 * JSON is text, dates are ISO `YYYY-MM-DD` text, timestamps ISO text.
 * The full-text index is not here: it belongs to the dialect's SearchIndex.
 */
export interface Database {
  letters: LettersTable;
  letter_texts: LetterTextsTable;
  item_texts: ItemTextsTable;
  letter_specialties: LetterSpecialtiesTable;
  letter_states: LetterStatesTable;
  items: ItemsTable;
  item_drugs: ItemDrugsTable;
  citations: CitationsTable;
  facets: FacetsTable;
  facet_counts: FacetCountsTable;
  facet_day_counts: FacetDayCountsTable;
  cases: CasesTable;
  case_number_sequences: CaseNumberSequencesTable;
  reviewers: ReviewersTable;
  case_determinations: CaseDeterminationsTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  case_drafts: CaseDraftsTable;
  letter_files: LetterFilesTable;
}

/** A letter file's bytes as ingested (sha256), and the letter it gave: a file seen again is skipped unread. */
export interface LetterFilesTable {
  sha256: string;
  letter_id: number;
}

/** How the original letter was stored. */
export type OriginalFormat = LetterFormat;

export interface LettersTable {
  id: Generated<number>;
  /** Identity for de-duplication (sha256 of the normalised text). */
  content_hash: string;
  source: string;
  layout: string;
  case_number: string | null;
  priority: string | null;
  date_assigned: string | null;
  date_decision: string | null;
  date_ur_denial: string | null;
  date_application_received: string | null;
  /** JSON array of ISO dates. */
  injury_dates: string;
  patient_age: number | null;
  patient_sex: string | null;
  /** JSON of ReviewerCredentials. */
  reviewer: string;
  /** Year of the decision date, else of the assigned date. */
  year: number | null;
  /** ISO timestamp. */
  ingested_at: string;
}

export interface LetterSpecialtiesTable {
  letter_id: number;
  specialty: string;
  kind: 'board' | 'sub';
}

export interface LetterStatesTable {
  letter_id: number;
  /** USPS code. */
  state: string;
}

export interface ItemsTable {
  id: Generated<number>;
  letter_id: number;
  /** 1-based position in the letter. */
  idx: number;
  request: string;
  decision: 'upheld' | 'overturned';
  /** 0 or 1. */
  medically_necessary: number;
  category: string;
  drug_class: string | null;
  /** Generic names joined with ' + ', or the procedure name. */
  treatment_name: string;
  /** The letter's decision date (a copy, so a filter's index reads items in listing order; migration 0014). */
  date_decision: string | null;
}

/** A letter's text, apart from the row filters and sorts read (migration 0004). */
export interface LetterTextsTable {
  letter_id: number;
  clinical_summary: string;
  original_text: string;
  original_format: OriginalFormat;
  /**
   * JSON of the Determination, the source of truth for reads, without the
   * clinical summary and item rationales (kept once, in `clinical_summary`
   * and `item_texts.rationale`); see rows.ts.
   */
  parsed: string;
}

/** An item's rationale, apart from the item row. */
export interface ItemTextsTable {
  item_id: number;
  rationale: string;
}

export interface ItemDrugsTable {
  item_id: number;
  /** Lower-case generic name. */
  generic: string;
  /** The item's letter and its decision date (copies, so a drug's index reads its letters in listing order; migration 0014). */
  letter_id: number | null;
  date_decision: string | null;
}

export interface CitationsTable {
  item_id: number;
  /** Who cited it: the IMR reviewer or the claims administrator (UR). */
  role: 'imr' | 'claims';
  /** 0-based order within the item and role. */
  position: number;
  source: string;
  document: string;
  /** JSON array of strings. */
  sections: string;
  /** JSON array of page numbers. */
  pages: string;
}

export type LetterRow = Selectable<LettersTable>;
export type NewLetter = Insertable<LettersTable>;
export type NewItem = Insertable<ItemsTable>;
export type NewLetterText = Omit<LetterTextsTable, 'letter_id'>;

/** A distinct filterable value: a cited guideline document or source, or a reviewer specialty. */
export interface FacetsTable {
  kind: 'guideline-document' | 'guideline-source' | 'specialty';
  value: string;
}

/** Disputed items counted per facet value, decision month, category and decision (migration 0011, facet-counts.ts). */
export interface FacetCountsTable {
  facet: 'category' | 'drug' | 'product' | 'drug-class' | 'guideline' | 'section' | 'specialty' | 'year';
  value: string;
  /** `YYYY-MM` of the decision date; '' for a letter without one. */
  month: string;
  category: string;
  decision: 'upheld' | 'overturned';
  items: number;
}

/** facet_counts by decision day (migration 0012), read for the days at the ends of a date range that cut a month. */
export interface FacetDayCountsTable {
  facet: FacetCountsTable['facet'];
  value: string;
  /** `YYYY-MM-DD` of the decision date; '' for a letter without one. */
  day: string;
  category: string;
  decision: 'upheld' | 'overturned';
  items: number;
}

/** An IMR case: the whole case as JSON in `data`, with the columns that lists, locks and uniqueness need. */
export interface CasesTable {
  id: Generated<number>;
  case_number: string | null;
  state: string;
  /** Optimistic lock: incremented on every write. */
  version: number;
  priority: string;
  reviewer_id: string | null;
  received_date: string;
  /** JSON of the case without id, caseNumber, state and version (those are columns). */
  data: string;
  created_at: string;
  updated_at: string;
}

/** The last case number issued per two-digit year. */
export interface CaseNumberSequencesTable {
  year: number;
  last_value: number;
}

export interface ReviewersTable {
  id: string;
  name: string;
  /** 0 or 1. */
  available: number;
  /** JSON of the Reviewer. */
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Issued determination versions; rows are inserted, and later only marked withdrawn. */
export interface CaseDeterminationsTable {
  case_id: number;
  version: number;
  /** JSON of the Determination as decided. */
  determination: string;
  /** JSON of the redacted Determination the letter is rendered from. */
  published: string;
  issued_at: string;
  issued_by: string;
  reason: string | null;
  /** Set when the published version is withdrawn (0009); the row is otherwise never changed. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
}

/** The engine's draft of a case as stored when it entered review. */
export interface CaseDraftsTable {
  case_id: number;
  engine_version: string;
  model_version: string | null;
  /** JSON of the CaseAssessment. */
  assessment: string;
  created_at: string;
}

/** The append-only audit trail, hash-chained. */
export interface AuditLogTable {
  seq: Generated<number>;
  case_id: number | null;
  actor: string;
  at: string;
  action: string;
  /** JSON, or null. */
  before_state: string | null;
  after_state: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC of seq and hash under the audit key (audit-seal.ts); null for an entry written before the seal. */
  mac: string | null;
}

/** People who sign in (migration 0006). */
export interface UsersTable {
  id: Generated<number>;
  /** Lower case, unique. */
  username: string;
  display_name: string;
  role: string;
  /** The reviewer registry entry a reviewer acts as. */
  reviewer_id: string | null;
  /** `scrypt$N$r$p$salt$hash` (see workflow/passwords.ts); never leaves the store layer's callers. */
  password_hash: string;
  /** 0 or 1. */
  must_change_password: number;
  /** 0 or 1. */
  disabled: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Signed-in sessions: only a hash of the token is kept, so a copy of the database cannot be used to sign in. */
export interface SessionsTable {
  id: Generated<number>;
  /** sha256 of the session token, hex. */
  token_hash: string;
  user_id: number;
  created_at: string;
  /** ISO timestamp after which the session is refused. */
  expires_at: string;
}
