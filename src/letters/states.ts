/** US state and territory names to USPS codes, for reviewer licensure. */
const STATES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO',
  connecticut: 'CT', delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY',
  louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
  mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND',
  ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT',
  virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
  'puerto rico': 'PR', guam: 'GU', 'virgin islands': 'VI',
};

const CODES = new Set(Object.values(STATES));

// Longest names first so "West Virginia" is not read as "Virginia".
const NAME_PATTERN = new RegExp(
  `\\b(${Object.keys(STATES).sort((a, b) => b.length - a.length).join('|').replace(/ /g, '\\s+')})\\b`,
  'gi',
);

/** USPS codes of every state named in `text`, in order, without repeats. */
export function stateCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(NAME_PATTERN)) {
    const code = STATES[m[1]!.toLowerCase().replace(/\s+/g, ' ')];
    if (code && !out.includes(code)) out.push(code);
  }
  if (out.length === 0) {
    // Some letters list codes ("CA, AZ") rather than names.
    for (const m of text.matchAll(/\b([A-Z]{2})\b/g)) {
      if (CODES.has(m[1]!) && !out.includes(m[1]!)) out.push(m[1]!);
    }
  }
  return out;
}

const NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(STATES).map(([name, code]) => [code, name.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/\bOf\b/, 'of')]),
);

/** The state's name for a USPS code ("CA" → "California"); the code itself when unknown. */
export function stateName(code: string): string {
  return NAMES[code.toUpperCase()] ?? code;
}
