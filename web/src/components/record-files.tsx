import { useState } from 'preact/hooks';
import type { CaseDocument } from '../api/types.js';
import { pdfText } from '../text/pdf-text.js';

/** One record file and how far its text is read. */
interface RecordFile {
  name: string;
  state: 'reading' | 'read' | 'failed';
  /** Pages read of pages, for a PDF. */
  pages?: [number, number];
  message?: string;
  document?: CaseDocument;
}

/** "PR-2 progress report 2016-11-02.pdf" → "PR-2 progress report 2016-11-02". */
function titleOf(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, '').trim() || name;
}

/**
 * Records chosen as files (PDF or text, many at once): their text is read
 * in the background while the coordinator goes on, with each file's
 * progress; `onChange` gets the documents read so far and how many are still being read.
 */
export function RecordFiles(props: { onChange: (docs: CaseDocument[], reading: number) => void; disabled?: boolean }) {
  const [files, setFiles] = useState<RecordFile[]>([]);
  const add = (chosen: File[]) => {
    let list = [...files, ...chosen.map((f): RecordFile => ({ name: f.name, state: 'reading' }))];
    const base = files.length;
    setFiles(list);
    const put = (i: number, u: Partial<RecordFile>) => {
      list = list.map((x, j) => (j === i ? { ...x, ...u } : x));
      setFiles(list);
      props.onChange(
        list.flatMap((x) => (x.document ? [x.document] : [])),
        list.filter((x) => x.state === 'reading').length,
      );
    };
    chosen.forEach(async (file, k) => {
      const i = base + k;
      try {
        const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
        const isText = file.type.startsWith('text/') || /\.(txt|text|md)$/i.test(file.name);
        if (!isPdf && !isText) throw new Error(`${file.name}: not a PDF or text file`);
        const text = isPdf ? await pdfText(file.name, await file.arrayBuffer(), (done, pages) => put(i, { pages: [done, pages] })) : await file.text();
        if (!text.trim()) throw new Error(`${file.name}: no text in it (a scan without OCR?)`);
        put(i, { state: 'read', document: { title: titleOf(file.name), text } });
      } catch (err) {
        put(i, { state: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    });
  };
  const reading = files.filter((f) => f.state === 'reading').length;
  return (
    <div class="record-files">
      <label class="btn file-btn">
        Add record files (PDF, text)
        <input
          class="sr-only"
          type="file"
          multiple
          accept=".pdf,.txt,.text,.md,application/pdf,text/plain"
          disabled={props.disabled}
          onChange={(e) => {
            const chosen = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            add(chosen);
          }}
        />
      </label>
      {files.length > 0 && (
        <ul class="plain record-list" aria-live="polite" aria-label="Record files">
          {files.map((f, i) => (
            <li key={i} data-record={f.name} data-state={f.state}>
              <strong class="break">{f.name}</strong>{' '}
              {f.state === 'reading' && (
                <>
                  <progress max={f.pages?.[1] ?? 1} value={f.pages?.[0] ?? 0} aria-label={`Reading ${f.name}`} /> {f.pages ? `page ${f.pages[0]} of ${f.pages[1]}` : 'reading…'}
                </>
              )}
              {f.state === 'read' && <span class="muted small">read: {f.document!.text.length.toLocaleString()} characters{f.pages ? `, ${f.pages[1]} pages` : ''}</span>}
              {f.state === 'failed' && <span class="field-error">{f.message}</span>}
            </li>
          ))}
        </ul>
      )}
      {reading > 0 && (
        <p class="muted small" role="status">
          Reading {reading} file{reading === 1 ? '' : 's'}; they are added when read.
        </p>
      )}
    </div>
  );
}
