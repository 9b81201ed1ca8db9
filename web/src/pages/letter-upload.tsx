import { useState } from 'preact/hooks';
import { LETTER_EXTENSIONS, LETTER_FORMATS, LETTER_MEDIA_TYPES } from '../../../src/domain/letter-formats.js';
import { ApiError } from '../api/client.js';
import { letterTypeOf, uploadLetter } from '../api/endpoints.js';
import { Link } from '../components/link.js';

/** What the file picker offers: every letter format, by its endings and its media type. */
const ACCEPT = [...LETTER_FORMATS.flatMap((f) => LETTER_EXTENSIONS[f]), ...LETTER_FORMATS.map((f) => LETTER_MEDIA_TYPES[f])].join(',');

/** One file's way through the upload. */
interface Upload {
  name: string;
  state: 'waiting' | 'sending' | 'stored' | 'duplicate' | 'refused';
  message: string;
  letterId?: number;
  caseNumber?: string | null;
}

const STATE_LABEL: Record<Upload['state'], string> = { waiting: 'Waiting', sending: 'Reading…', stored: 'Added', duplicate: 'Already in the corpus', refused: 'Not added' };

/**
 * Adding published determination letters to the corpus: many files at
 * once (PDF, text, Markdown, HTML), sent one after another so that the
 * server reads each in turn, with each file's outcome and the progress.
 */
export function LetterUploadPage() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [busy, setBusy] = useState(false);
  const done = uploads.filter((u) => u.state !== 'waiting' && u.state !== 'sending').length;
  const start = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    let list: Upload[] = files.map((f) => ({ name: f.name, state: 'waiting', message: '' }));
    setUploads(list);
    const put = (i: number, u: Partial<Upload>) => {
      list = list.map((x, j) => (j === i ? { ...x, ...u } : x));
      setUploads(list);
    };
    for (const [i, file] of files.entries()) {
      const type = letterTypeOf(file);
      if (!type) {
        put(i, { state: 'refused', message: 'not a PDF, text, Markdown or HTML file' });
        continue;
      }
      put(i, { state: 'sending' });
      try {
        const { body } = await uploadLetter(file, type);
        put(i, { state: body.status === 'ingested' ? 'stored' : 'duplicate', letterId: body.id, caseNumber: body.caseNumber, message: '' });
      } catch (err) {
        put(i, { state: 'refused', message: err instanceof ApiError ? err.message : String(err) });
      }
    }
    setBusy(false);
  };
  return (
    <div class="page" data-page="letter-upload">
      <div class="page-head">
        <h1>Add letters to the corpus</h1>
        <p class="muted">Published IMR determination letters as PDF, text, Markdown or HTML files, many at once. Each is read as the command line's ingest reads it; a letter already stored is not stored twice; a file that is not a readable letter is refused with the reason.</p>
      </div>
      <div class="card">
        <label class="btn btn-primary file-btn">
          Choose letter files
          <input
          id="letter-files"
          class="sr-only"
          type="file"
          multiple
          accept={ACCEPT}
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            void start(files);
          }}
          />
        </label>
        {uploads.length > 0 && (
          <div class="upload-progress">
            <label for="upload-meter">
              {done} of {uploads.length} file{uploads.length === 1 ? '' : 's'} read
            </label>
            <progress id="upload-meter" max={uploads.length} value={done} />
          </div>
        )}
      </div>
      {uploads.length > 0 && (
        <div class="card table-wrap">
          <table class="table uploads" aria-label="Uploaded files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Outcome</th>
                <th scope="col">Letter</th>
              </tr>
            </thead>
            <tbody>
              {uploads.map((u, i) => (
                <tr key={i} data-file={u.name} data-state={u.state}>
                  <td class="break">{u.name}</td>
                  <td>
                    <span class={`badge ${u.state === 'refused' ? 'urgent-overdue' : u.state === 'stored' ? 'urgent-ok' : 'muted'}`}>{STATE_LABEL[u.state]}</span>
                    {u.message && <div class="small">{u.message}</div>}
                  </td>
                  <td>{u.letterId ? <Link href={`/corpus/letters/${u.letterId}`}>{u.caseNumber ?? `Letter ${u.letterId}`}</Link> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
