import type { Treatment } from '../../domain/index.js';
import { findDrugs, parseMedication } from './medication.js';
import { findProcedure, parseProcedure, procedureSubject } from './procedure.js';

/** Words that open a request without naming the treatment. */
const LEADING = /^(?:\d+\s+)?(?:(?:retrospective|retro|prospective|post-?op(?:erative)?|pre-?op(?:erative)?|prescription|rx|request|one|1|container|supply|month|of|for|a|the)\b[\s:,]*)+/i;
/** A strength or quantity that marks an unknown word as a drug ("Deprizine 15mg/ml", "Xyz 10mg #30"). */
const DRUG_LIKE = /\d(?:\.\d+)?\s*(?:mg|mcg|%|ml\b)|#\s*\d+.*\b(?:tab|cap|patch|cream|gel)/i;

/**
 * Normalises a disputed item's request line into a treatment: a medication
 * (generic names, strengths in mg, quantity, refills, doses per day) when it
 * names a known drug or reads like one, otherwise a procedure or service
 * (canonical name, category, laterality, spinal levels, sessions). Never
 * throws; unknown requests come back as category 'other'.
 */
export function normalizeTreatment(request: string): Treatment {
  const text = typeof request === 'string' ? request.slice(0, 2000) : '';
  const drugs = findDrugs(text);
  // "Associated surgical service: Physical therapy" names a service even
  // when a drug word appears in it; a drug in a procedure line ("Twelve
  // acupuncture visits with Capsaicin patch") does not make it a medication.
  // A request that opens with the drug's name cannot name a procedure first.
  const drugAt = drugs.length ? text.toLowerCase().indexOf(drugs[0]!.name.toLowerCase()) : -1;
  if (drugAt === 0) return parseMedication(text, drugs);
  const procedure = findProcedure(procedureSubject(text));
  const procedureFirst = procedure && drugs.length && text.search(procedure.pattern) < drugAt;
  if (drugs.length && !procedureFirst) return parseMedication(text, drugs);
  if (!procedure && DRUG_LIKE.test(text)) {
    const name = text.replace(LEADING, '').match(/[A-Za-z][A-Za-z-]+/)?.[0];
    return parseMedication(text, [], name);
  }
  return parseProcedure(text, procedure);
}
