/**
 * mupdf's WebAssembly module, loaded once, with its memory held to
 * MAX_PDF_WASM_MEMORY_MB and the standard fonts shared by every document.
 *
 * Memory. The module's memory is an ArrayBuffer outside
 * V8's heap, so neither a worker's heap limit nor anything else bounds it:
 * unbounded, one hostile PDF (a font or content stream that inflates to a
 * gigabyte) grows it to 2 GB and it never shrinks back. Here its growth is
 * refused past the cap: mupdf's allocator then fails, mupdf raises an error
 * (or drops what it was loading), and the reader refuses the PDF on one line.
 *
 * Fonts. The published letters name fonts they do not embed (Arial, Times
 * New Roman), which mupdf draws with its built-in standard fonts; but it
 * loads them afresh for every document (a FreeType face, its character
 * maps, the outline of every glyph it bounds), which was a fifth of its
 * time on a letter. Each standard font is made once here and handed to
 * every document that asks for it under one of the names mupdf itself
 * takes for it, so that the text, its positions and its font are what
 * mupdf gives without (pdf-engines.test.ts compares every letter).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MAX_PDF_WASM_MEMORY_MB } from './pdf-limits.js';

type MuPdf = typeof import('mupdf');

/**
 * The one memory of the process's mupdf module and the count of growths it
 * was refused. Kept on globalThis because the `mupdf` package is evaluated
 * once per process, while this module may be evaluated again (test files).
 */
interface WasmMemoryState {
  memory: WebAssembly.Memory | null;
  refusals: number;
}
const STATE_KEY = Symbol.for('openimr.mupdf.memory');
const shared = globalThis as unknown as Record<symbol, WasmMemoryState | undefined>;
const state: WasmMemoryState = (shared[STATE_KEY] ??= { memory: null, refusals: 0 });

let loading: Promise<MuPdf> | null = null;

/**
 * Emscripten's hook for instantiating the module: the same module and
 * imports, instantiated here (synchronously, so that a failure rejects the
 * import instead of leaving it pending), with the memory's `grow` refusing
 * to pass the cap. The module grows its memory only through that call
 * (emscripten_resize_heap), which gives up when it throws.
 */
function instantiateCapped(imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void): object {
  const main = createRequire(import.meta.url).resolve('mupdf');
  const module = new WebAssembly.Module(readFileSync(join(dirname(main), 'mupdf-wasm.wasm')));
  const instance = new WebAssembly.Instance(module, imports);
  const memory = Object.values(instance.exports).find((e): e is WebAssembly.Memory => e instanceof WebAssembly.Memory);
  if (memory) {
    const cap = MAX_PDF_WASM_MEMORY_MB * 1024 * 1024;
    const grow = memory.grow.bind(memory);
    Object.defineProperty(memory, 'grow', {
      value: (pages: number): number => {
        if (memory.buffer.byteLength + pages * 65536 > cap) {
          state.refusals++;
          throw new RangeError(`mupdf's memory may not pass ${MAX_PDF_WASM_MEMORY_MB} MB`);
        }
        return grow(pages);
      },
    });
    state.memory = memory;
  }
  receive(instance, module);
  return instance.exports;
}

/** mupdf instantiates a 10 MB WebAssembly module: it is loaded only when a PDF is actually read, and once. */
export function loadMuPdf(): Promise<MuPdf> {
  loading ??= (async () => {
    (globalThis as Record<string, unknown>).$libmupdf_wasm_Module = { instantiateWasm: instantiateCapped };
    const lib = await import('mupdf');
    // mupdf writes its warnings ("repairing PDF document") to stderr; the
    // reason a letter is refused is in the error it throws, reported once.
    lib.setLog({ error: () => undefined, warning: () => undefined });
    const fonts = new Map<string, InstanceType<MuPdf['Font']>>();
    lib.installLoadFontFunction((name) => {
      const standard = STANDARD_FONTS.get(name.replace(/ /g, ''));
      if (standard === undefined) return null;
      let font = fonts.get(standard);
      if (!font) fonts.set(standard, (font = new lib.Font(standard)));
      return font;
    });
    return lib;
  })();
  return loading;
}

/**
 * The names (spaces aside) under which a PDF asks for one of the standard
 * fonts without embedding it, each with the standard font mupdf reads it
 * with: its own table of these names. A name not here is left to mupdf.
 */
const STANDARD_FONTS = new Map<string, string>(
  Object.entries({
    Helvetica: ['Helvetica', 'ArialMT', 'Arial'],
    'Helvetica-Bold': ['Helvetica-Bold', 'Arial-BoldMT', 'Arial,Bold', 'Arial-Bold', 'Helvetica,Bold'],
    'Helvetica-Oblique': ['Helvetica-Oblique', 'Arial-ItalicMT', 'Arial,Italic', 'Arial-Italic', 'Helvetica,Italic', 'Helvetica-Italic'],
    'Helvetica-BoldOblique': ['Helvetica-BoldOblique', 'Arial-BoldItalicMT', 'Arial,BoldItalic', 'Arial-BoldItalic', 'Helvetica,BoldItalic', 'Helvetica-BoldItalic'],
    'Times-Roman': ['Times-Roman', 'TimesNewRomanPSMT', 'TimesNewRoman', 'TimesNewRomanPS'],
    'Times-Bold': ['Times-Bold', 'TimesNewRomanPS-BoldMT', 'TimesNewRoman,Bold', 'TimesNewRomanPS-Bold', 'TimesNewRoman-Bold'],
    'Times-Italic': ['Times-Italic', 'TimesNewRomanPS-ItalicMT', 'TimesNewRoman,Italic', 'TimesNewRomanPS-Italic', 'TimesNewRoman-Italic'],
    'Times-BoldItalic': ['Times-BoldItalic', 'TimesNewRomanPS-BoldItalicMT', 'TimesNewRoman,BoldItalic', 'TimesNewRomanPS-BoldItalic', 'TimesNewRoman-BoldItalic'],
  }).flatMap(([standard, names]) => names.map((name) => [name, standard] as [string, string])),
);

/** Growths of mupdf's memory refused so far: a read during which it changed went over the cap. */
export function memoryRefusals(): number {
  return state.refusals;
}

/** mupdf's memory now, in bytes (it never shrinks: the high-water mark of every PDF read so far). */
export function muPdfMemoryBytes(): number {
  return state.memory?.buffer.byteLength ?? 0;
}
