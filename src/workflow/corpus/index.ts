/**
 * Letters into the corpus: ingest of files with parallel parse workers, file digests, and single uploads.
 */
export { CorpusService } from './corpus-service.js';
export { ingestFiles, type IngestReport, ingestTexts } from './ingest.js';
export { tightenHeapGrowthForIngest } from './ingest-heap.js';
export { ingestUpload } from './letter-upload.js';
