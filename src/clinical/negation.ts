/**
 * Negation and uncertainty of a concept mentioned in a sentence, in the
 * manner of NegEx: a trigger before the mention ("no", "denies", "lack of",
 * "without") or after it ("was negative", "not noted") within the same
 * clause flips it. Clauses end at "but", "however", "although", semicolons and
 * "which", so "no fever but positive straight leg raise" keeps the second
 * finding affirmed.
 */

/**
 * How a mention stands: stated as so (`affirmed`), stated as not so
 * (`negated`), speculated ("possible", "rule out", "questionable":
 * `uncertain`), or only planned, requested or recommended (`hypothetical`).
 */
export type Polarity = 'affirmed' | 'negated' | 'uncertain' | 'hypothetical';

const PRE_NEGATION = new RegExp(
  String.raw`\b(?:no|not|non|nor|never|denie[sd]|deny|denying|without|negative\s+for|free\s+of|absence\s+of|absent|lack(?:s|ed|ing)?(?:\s+of)?|` +
    String.raw`fail(?:s|ed)?\s+to\s+(?:show|reveal|demonstrate|document|indicate|provide|identify)|did\s+not|does\s+not|do\s+not|has\s+not|have\s+not|had\s+not|was\s+not|were\s+not|is\s+not|are\s+not|cannot|can't|unable\s+to\s+(?:find|identify|document)|ruled\s+out|rules\s+out|resolved|neither|none)\b`,
  'gi',
);

/** "Has not been tried", "was never prescribed": negates whatever precedes it, a drug included, whatever the concept's result wording. */
const NOT_TRIED = /^[^.;]{0,40}?\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:tried|trialed|used|prescribed|started|taken|attempted|given|done|performed|completed)|(?:was|were)\s+(?:never|not)\s+(?:tried|trialed|used|prescribed|started|taken|given|done|performed)|never\s+(?:been\s+)?(?:tried|trialed|used|taken))\b/i;

const POST_NEGATION = /^[^.;]{0,40}?\b(?:(?:was|were|is|are|been|being)\s+(?:negative|absent|normal|unremarkable|not\s+(?:noted|documented|present|found|seen|evident|reported|indicated|provided|elicited))|not\s+(?:noted|documented|present|found|seen|evident|reported|indicated|provided)|negative|unremarkable|within\s+normal\s+limits|intact|denied|resolved|ruled\s+out)\b/i;

const UNCERTAIN = /\b(?:rule\s+out|r\/o|possible|possibly|probabl[ey]|likely|suspect(?:ed|s)?|suspicion\s+of|questionable|equivocal|concern(?:ed)?\s+(?:for|about|of)|may\s+(?:have|be)|might|to\s+(?:evaluate|assess)\s+for|evaluate\s+for|whether|versus|vs\.?)\b/gi;

/** Plan and request words: what follows them is hypothetical, not a finding. */
const PLAN = /\b(?:consider(?:ing)?|if\s+|recommend(?:ed|s|ation)?|request(?:ed|s|ing)?|plan(?:ned)?\s+(?:to|for|includ\w+)|treatment\s+plan|would|will|refer(?:red|ral)?\s+(?:to|for)|arrang\w+|to\s+(?:start|begin|initiate|undergo|attend|continue)|pending|scheduled|order(?:ed|s)?\s+(?:a|an|for)|prescription\s+for)\b/gi;

/** "No documentation of A, B or C": a negation that governs a whole list. */
const LIST_NEGATION = /\b(?:no|lack\s+of|absence\s+of|without)\s+(?:(?:clear|objective|documented|significant|any)\s+)*(?:documentation|evidence|mention|indication|report|findings?|signs?)\s+(?:of|that|to)\b/gi;

/** Words anywhere earlier in the sentence that make it a plan or a request, not a finding. */
const PLAN_SENTENCE = /\b(?:treatment plan|plan of care|plan (?:include[sd]?|was|is)|recommend\w*|request\w*|referr\w*|will (?:be )?(?:start|begin|undergo|continue|attend)\w*)\b/i;

/** A plan word right after the mention: "physical therapy was requested". */
const POST_UNCERTAIN = /^[^.;]{0,30}?\b(?:was|were|is|are|has\s+been|have\s+been|being)\s+(?:also\s+)?(?:being\s+)?(?:sought|requested|recommended|planned|ordered|scheduled|arranged|pending|proposed|suggested|considered)\b|^\s*(?:is|was)\s+(?:being\s+)?(?:arranged|requested)\b/i;

/** A speculation word right after the mention: "Spurling test is questionable". */
const POST_SPECULATION = /^[^.;]{0,30}?\b(?:is|was|were|are|appears?|seems?)\s+(?:questionable|equivocal|possibl[ey]|probabl[ey]|likely|suspected|uncertain)\b/i;

/** Words that end the scope of a trigger before the mention. */
const CLAUSE_BREAK = /\b(?:but|however|although|though|except|which|yet|whereas|while|aside\s+from|apart\s+from)\b|\band\s+(?:now\s+|also\s+)?(?:reports?|reported|states?|stated|complains?|complained|notes?|noted|has|had|is|was|describes?|described|endorses?|endorsed)\b|[;:]|,\s+(?:and\s+)?(?:there|the|he|she|his|her|it|with\s+(?:positive|decreased|increased))\b/gi;

/**
 * Words that look like negations and are not (NegEx's pseudo-triggers): "not
 * too displaced", "no change in", "not only": blanked before the triggers
 * are searched, so the finding after them stays affirmed.
 */
const PSEUDO_NEGATION = /\b(?:not\s+(?:too|very|much|only|necessarily|just|quite|fully\s+(?:healed|resolved))|no\s+(?:change|increase|decrease)\s+in|not\s+certain\s+(?:if|whether))\b/gi;

/** A result word that affirms the finding it precedes ("positive Spurling's"), ending the reach of a negation before it. */
const POSITIVE = /\b(?:positive|present)\b/gi;

/** The part of `sentence` before `index` that is in the mention's clause. */
function clauseBefore(sentence: string, index: number): string {
  const before = sentence.slice(0, index).replace(PSEUDO_NEGATION, (m) => ' '.repeat(m.length));
  let cut = 0;
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(before); m; m = CLAUSE_BREAK.exec(before)) cut = m.index + m[0].length;
  return before.slice(cut);
}

/** The part of `sentence` after a mention ending at `end`, up to the next clause break. */
function clauseAfter(sentence: string, end: number): string {
  const after = sentence.slice(end);
  CLAUSE_BREAK.lastIndex = 0;
  const m = CLAUSE_BREAK.exec(after);
  return m ? after.slice(0, m.index) : after;
}

/** Number of words in `s[from..]`, counting at most `limit + 1`. */
function wordsAfter(s: string, from: number, limit: number): number {
  let words = 0;
  let inWord = false;
  for (let i = from; i < s.length; i++) {
    const space = s.charCodeAt(i) <= 32;
    if (!space && !inWord) {
      if (++words > limit) return words;
    }
    inWord = !space;
  }
  return words;
}

/** Whether a trigger word in `scope` lies within `maxWords` words of its end. */
function triggerNear(scope: string, pattern: RegExp, maxWords: number): boolean {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(scope); m; m = pattern.exec(scope)) {
    if (wordsAfter(scope, m.index + m[0].length, maxWords) <= maxWords) return true;
  }
  return false;
}

/**
 * Polarity of the mention at `[start, end)` in `sentence`. `postNegation`
 * may be disabled for concepts whose wording already carries a result
 * ("straight leg raise was positive").
 */
export function polarityOf(sentence: string, start: number, end: number, options: { postNegation?: boolean } = {}): Polarity {
  let before = clauseBefore(sentence, start);
  // "No fever, positive Spurling's": a result word nearer the finding than the negation affirms it.
  POSITIVE.lastIndex = 0;
  let lastPositive = -1;
  for (let m = POSITIVE.exec(before); m; m = POSITIVE.exec(before)) lastPositive = m.index + m[0].length;
  if (lastPositive >= 0) before = before.slice(lastPositive);
  if (triggerNear(before, PRE_NEGATION, 7) || triggerNear(before, LIST_NEGATION, 14)) return 'negated';
  const after = clauseAfter(sentence, end);
  if (NOT_TRIED.test(after)) return 'negated';
  if (options.postNegation !== false && POST_NEGATION.test(after)) return 'negated';
  if (triggerNear(before, PLAN, 6) || PLAN_SENTENCE.test(sentence.slice(0, start)) || POST_UNCERTAIN.test(after)) return 'hypothetical';
  if (triggerNear(before, UNCERTAIN, 6) || POST_SPECULATION.test(after)) return 'uncertain';
  return 'affirmed';
}
