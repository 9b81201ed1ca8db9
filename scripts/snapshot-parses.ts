/**
 * Writes test/fixtures/parsed/: the parse of every real letter, which
 * test/parse-snapshot.test.ts compares the parser against. Run it only when a
 * change to the parse is intended, and review the difference it makes.
 *
 *     npx tsx scripts/snapshot-parses.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { PARSED_DIR, parsedJson, snapshotLetterPaths, snapshotPath } from '../test/parse-snapshot.js';

mkdirSync(PARSED_DIR, { recursive: true });
const paths = snapshotLetterPaths();
for (const path of paths) writeFileSync(snapshotPath(path), parsedJson(path));
console.log(`${paths.length} parses written to ${PARSED_DIR}`);
