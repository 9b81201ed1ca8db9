/**
 * mupdf's WebAssembly module, loaded once, with its memory held to
 * MAX_PDF_WASM_MEMORY_MB. The module's memory is an ArrayBuffer outside
 * V8's heap, so neither a worker's heap limit nor anything else bounds it:
 * unbounded, one hostile PDF (a font or content stream that inflates to a
 * gigabyte) grows it to 2 GB and it never shrinks back. Here its growth is
 * refused past the cap: mupdf's allocator then fails, mupdf raises an error
 * (or drops what it was loading), and the reader refuses the PDF on one line.
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
    return lib;
  })();
  return loading;
}

/** Growths of mupdf's memory refused so far: a read during which it changed went over the cap. */
export function memoryRefusals(): number {
  return state.refusals;
}

/** mupdf's memory now, in bytes (it never shrinks: the high-water mark of every PDF read so far). */
export function muPdfMemoryBytes(): number {
  return state.memory?.buffer.byteLength ?? 0;
}
