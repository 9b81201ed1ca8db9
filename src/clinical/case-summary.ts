import type { DrugClass } from '../domain/index.js';
import type { CaseText, TextSpan } from './case-text.js';

/** A pain score read from the text ("rated 6-8 on a 10-point scale" → 8), with its offsets. */
export interface PainScore extends TextSpan {
  /** The highest score stated, 0-10. */
  value: number;
}

const PAIN_SCORE = /\b(\d{1,2})(?:\s*(?:-|to)\s*(\d{1,2}))?\s*(?:\/\s*10\b|out of (?:a )?10\b|on (?:a|the) (?:\d{1,2}-point|0-10|1-10|10-point) (?:pain |VAS |visual analog )?scale)/gi;

/** Every pain score on a 10-point scale in `text`. */
export function findPainScores(text: string): PainScore[] {
  const out: PainScore[] = [];
  PAIN_SCORE.lastIndex = 0;
  for (let m = PAIN_SCORE.exec(text); m; m = PAIN_SCORE.exec(text)) {
    const value = Math.max(Number(m[1]), m[2] ? Number(m[2]) : 0);
    if (value <= 10) out.push({ value, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const DIAGNOSIS_LEAD = /\b(?:diagnos(?:is|es|ed)(?:\s+(?:that|which|include[sd]?|included|of|as|with|was|were|is|are|documented))*|being treated for(?: the diagnos[ie]s of)?|treated for)\s*:?\s*/gi;

/**
 * Diagnoses named in the text: the list after "diagnoses include", "diagnosed
 * with", "being treated for", split at commas, semicolons and a final "and".
 * Each keeps its offsets into the text.
 */
export function findDiagnoses(caseText: CaseText): TextSpan[] {
  const out: TextSpan[] = [];
  const seen = new Set<string>();
  for (const s of caseText.sentences) {
    DIAGNOSIS_LEAD.lastIndex = 0;
    const m = DIAGNOSIS_LEAD.exec(s.text);
    if (!m) continue;
    let at = m.index + m[0].length;
    const list = s.text.slice(at).replace(/\.$/, '');
    // Coded diagnoses ("dorsalgia, unspecified; radiculopathy, cervical region") are separated by semicolons.
    const splitter = list.includes(';') ? /(;\s*)/ : /(,\s*(?:and\s+)?|\s+and\s+)/;
    for (const part of list.split(splitter)) {
      const name = part.trim();
      const sep = /^(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)$/.test(part);
      if (!sep && name.length > 2 && !/^(?:the|a|an|of)$/i.test(name)) {
        const start = s.start + at + part.indexOf(name);
        const key = name.toLowerCase();
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ start, end: start + name.length, text: name });
        }
      }
      at += part.length;
    }
  }
  return out;
}

/** A medication the records name as taken, with the first sentence naming it. */
export interface CurrentMedication {
  generic: string[];
  drugClass: DrugClass;
  evidence: TextSpan;
}

/** Medications named as taken or prescribed (not only requested or denied), one per product. */
export function currentMedications(caseText: CaseText): CurrentMedication[] {
  const out = new Map<string, CurrentMedication>();
  for (const d of caseText.drugs) {
    const key = d.generic.join('+');
    if (d.polarity !== 'affirmed' || out.has(key)) continue;
    out.set(key, { generic: d.generic, drugClass: d.drugClass, evidence: { start: d.sentence.start, end: d.sentence.end, text: d.sentence.text } });
  }
  return [...out.values()];
}
