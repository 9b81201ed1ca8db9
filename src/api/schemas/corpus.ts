/** The corpus: search, statistics, stored letters, uploads and precedents (routes/corpus.ts, letters.ts, letter-upload.ts). */
import { z } from 'zod';
import { CorpusFilterFields, Decision, Determination, idOrCaseNumber, IsoDate, LetterFormat, TreatmentCategory } from '../../domain/index.js';
import { STATS_DIMENSIONS, type SearchHit as StoreSearchHit, type SimilarLetter, type StatsRow } from '../../store/index.js';
import { named, page, PageQuery, wholeNumber, type Assert, type Same } from './common.js';

/** The corpus filters as the domain defines them (CorpusFilterFields), with the text query. */
export const CorpusFilterQuery = z
  .object({ q: z.string().max(500).default('').describe('words (all required), "phrases", OR, -word / NOT word') })
  .extend(CorpusFilterFields.shape);

export const SearchQuery = CorpusFilterQuery.extend(PageQuery.shape).extend({
  sort: z.enum(['relevance', 'date']).default('relevance').describe('with words: best match first, or newest decision first'),
});

export const SearchHit = named(
  'SearchHit',
  z.object({
    id: z.number().int(),
    caseNumber: z.string().nullable(),
    decisionDate: z.string().nullable(),
    score: z.number().nullable(),
    snippet: z.string().describe('matched terms between « and »; … marks cut text'),
    items: z.array(z.object({ idx: z.number().int(), request: z.string(), decision: Decision, category: z.string(), treatment: z.string(), matchesFilters: z.boolean() })),
  }),
);
export const SearchPage = named(
  'SearchPage',
  page('SearchPageBase', SearchHit).extend({
    order: z
      .enum(['relevance', 'decision-date', 'added'])
      .describe('how the hits are ordered: relevance (every match scored), decision-date (newest decision first), or added (most recently added first: more letters match than the result window, too common a query to rank)'),
    estimatedTotal: z.number().int().nullable().describe('when totalExact is false and the query has words: the number of matching letters, estimated; else null'),
  }),
);

export const StatsDimension = z.enum(STATS_DIMENSIONS).describe('month: YYYY-MM of the decision date; drug: per generic ingredient; product: per requested product (a combination counts as itself); drug-class: per class; section: per guideline document and section the IMR reviewer cited, keyed "document § section"');
export const StatsQuery = CorpusFilterQuery.extend({ by: StatsDimension.default('category') });
export const StatsResult = named(
  'Stats',
  z.object({
    by: StatsDimension,
    rows: z.array(z.object({ key: z.string().nullable(), items: z.number().int(), upheld: z.number().int(), overturned: z.number().int(), upheldPct: z.number() })),
  }),
);

export const LetterRef = z.object({ ref: idOrCaseNumber('letter') });

export const StoredLetter = named(
  'Letter',
  z.object({
    id: z.number().int(),
    ingestedAt: z.string(),
    originalFormat: LetterFormat,
    determination: Determination,
  }),
);

export const UploadQuery = z.object({
  name: z
    .string()
    .max(4096)
    .optional()
    // A label, cleaned rather than refused: control characters (NUL among them) dropped here, the rest in uploadName.
    .transform((n) => n?.replace(/[\u0000-\u001f\u007f-\u009f]/g, ''))
    .describe('the file name, a label only: reduced to its base name without control characters (at most 100 characters); default upload.EXT'),
});
export const LetterUploadResult = named(
  'LetterUpload',
  z.object({
    status: z.enum(['ingested', 'duplicate']).describe('duplicate: a letter with the same content was already stored, and is the one named'),
    id: z.number().int(),
    caseNumber: z.string().nullable(),
    source: z.string().describe('the label the letter is stored under'),
    originalFormat: LetterFormat,
    href: z.string().describe('where the letter is: GET it for the parsed letter'),
  }),
);

export const SimilarQuery = z.object({ limit: wholeNumber(z.number().int().min(1).max(50).default(5)) });
export const SimilarLetters = named(
  'SimilarLetters',
  z.object({
    items: z.array(
      z.object({
        id: z.number().int(),
        caseNumber: z.string().nullable(),
        decisionDate: z.string().nullable(),
        similarity: z.number().min(0).max(1).describe('cosine similarity of the clinical summaries (TF-IDF)'),
        sharedTreatments: z.array(z.string()),
        sharedGuidelines: z.array(z.string()),
        items: z.array(z.object({ idx: z.number().int(), request: z.string(), decision: Decision, treatment: z.string(), shared: z.boolean() })),
      }),
    ),
  }),
);

// What the store returns is what the document describes.
export type CorpusShapesMatchTheStore = [
  Assert<Same<z.output<typeof SearchHit>, StoreSearchHit>>,
  Assert<Same<z.output<typeof StatsResult>['rows'][number], StatsRow>>,
  Assert<Same<z.output<typeof SimilarLetters>['items'][number], SimilarLetter>>,
];
