/**
 * PDF text engines side by side on the 65 published letters (samples/letters):
 * pdf.js, mupdf (WebAssembly) and poppler's pdftotext (a child process per
 * letter, where installed). Every engine is warmed up first (modules loaded,
 * WebAssembly compiled), then the engines take turns over the 65 letters,
 * round after round, so that a burst of load on a shared machine falls on all
 * of them alike; each figure is the median round, and the ratio to pdf.js
 * is in letters per CPU-second (the median of the rounds' ratios, each
 * engine's round against pdf.js's round just before it: a machine shared
 * with others makes wall-clock time a measure of their load). Beside the
 * speed: how many of the 65 letters each engine parses into exactly the
 * letter pdf.js gives.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseLetterText } from '../src/letters/index.js';
import { extractPdfText, type PdfEngine } from '../src/letters/read/index.js';
import { popplerAvailable } from '../src/letters/read/index.js';
import { DWC_PDF } from '../test/sample-letters.js';
import { cpuSeconds, fmt, line, median } from './report.js';

const ROUNDS = 9;

export async function benchPdf(): Promise<void> {
  const pdfs = readdirSync(DWC_PDF)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(DWC_PDF, name))) }));
  const engines: PdfEngine[] = ['pdfjs', 'mupdf', ...(popplerAvailable() ? (['poppler'] as const) : [])];
  const parsed = (text: string, name: string) => JSON.parse(JSON.stringify(parseLetterText(text, name)));

  // Warm-up, untimed: also the parsed letters each engine gives, against pdf.js's.
  const reference = new Map<string, unknown>();
  const same = new Map<PdfEngine, number>();
  for (const engine of engines) {
    let n = 0;
    for (const { name, bytes } of pdfs) {
      const letter = parsed(await extractPdfText(bytes, name, {}, engine), name);
      if (engine === 'pdfjs') reference.set(name, letter);
      if (isDeepStrictEqual(letter, reference.get(name))) n++;
    }
    same.set(engine, n);
  }

  const wall = new Map<PdfEngine, number[]>(engines.map((e) => [e, []]));
  const cpu = new Map<PdfEngine, number[]>(engines.map((e) => [e, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const engine of engines) {
      const c0 = cpuSeconds();
      const t0 = performance.now();
      for (const { name, bytes } of pdfs) await extractPdfText(bytes, name, {}, engine);
      const c1 = cpuSeconds();
      wall.get(engine)!.push((performance.now() - t0) / 1000);
      cpu.get(engine)!.push(c1.self - c0.self + (c1.children - c0.children));
    }
  }
  const perSecond = (engine: PdfEngine, of: Map<PdfEngine, number[]>) => pdfs.length / median(of.get(engine)!);
  const base = perSecond('pdfjs', wall);
  const baseCpu = perSecond('pdfjs', cpu);
  for (const engine of engines) {
    // pdf.js's CPU-seconds over the engine's, round by round.
    const ratios = cpu.get('pdfjs')!.map((pdfjs, round) => pdfjs / cpu.get(engine)![round]!);
    const ratio = median(ratios);
    const label = `PDF text ${engine} (1 thread, warm)`;
    const value = `${fmt(perSecond(engine, cpu), 1)} letters/CPU-s`;
    const target = engine === 'pdfjs' ? 'reference' : `>= 1.8x pdf.js per CPU-second, ${pdfs.length}/${pdfs.length} same letters`;
    const ok = engine === 'pdfjs' ? null : ratio >= 1.8 && same.get(engine) === pdfs.length;
    line(label, value, `${fmt(baseCpu, 1)}/CPU-s (pdf.js)`, ratio, target, ok);
    const spread = `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x`;
    console.log(
      `  ${engine}: ${same.get(engine)} of ${pdfs.length} letters parse exactly as pdf.js's; ${fmt(perSecond(engine, wall), 1)} letters/s wall-clock (${(perSecond(engine, wall) / base).toFixed(2)}x pdf.js's); CPU ratio ${ratio.toFixed(2)}x (rounds ${spread})${engine === 'poppler' ? ' (its child processes\' CPU counted)' : ''}; median of ${ROUNDS} interleaved rounds`,
    );
  }

  // The whole PDF path with the default engine: text, then the parse.
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    for (const { name, bytes } of pdfs) parseLetterText(await extractPdfText(bytes, name), name);
    times.push((performance.now() - t0) / 1000);
  }
  const mb = pdfs.reduce((s, p) => s + p.bytes.length, 0) / 1e6;
  const full = median(times);
  const defaultRate = perSecond('mupdf', wall);
  line('parse PDF (default engine, 1 thread)', `${(mb / full).toFixed(2)} MB/s, ${fmt(pdfs.length / full)} letters/s`, `${fmt(defaultRate)} letters/s (text only)`, pdfs.length / full / defaultRate, 'none set', null);
}
