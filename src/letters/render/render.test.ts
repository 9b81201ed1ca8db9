import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_LETTERS } from '../../../test/sample-letters.js';
import type { Determination } from '../../domain/index.js';
import { parseLetterFile, parseLetterText, readLetterBytes } from '../index.js';
import { citationClause, pageRanges, renderHtml, renderMarkdown, renderPdf, renderText } from './index.js';
import { toWinAnsi } from './pdf.js';

async function sample(): Promise<Determination> {
  return (await parseLetterFile(join(SAMPLE_LETTERS, '002_da7a313e87b423cf.txt'))).determination;
}

const HOSTILE = 'Worker said <script>alert("x")</script> & <b>bold</b> # not a heading';

describe('letter rendering', () => {
  it('folds pages into ranges', () => {
    expect(pageRanges([63, 64, 65, 68, 70, 71])).toBe('63-65, 68, 70-71');
    expect(pageRanges([])).toBe('');
  });

  it('writes citations as the letters do', () => {
    expect(citationClause({ source: 'MTUS', document: 'Chronic Pain Medical Treatment Guidelines', sections: ['Baclofen'], pages: [63, 64], raw: '' })).toBe(
      'Decision based on MTUS Chronic Pain Medical Treatment Guidelines, Section(s): Baclofen Page(s): 63-64.',
    );
    expect(citationClause({ source: 'ODG', document: 'Pain Chapter', sections: [], pages: [], raw: '' })).toBe(
      'Decision based on Non-MTUS Citation Official Disability Guidelines (ODG), Pain Chapter.',
    );
  });

  it('follows the Markdown layout of sample 002', async () => {
    const md = renderMarkdown(await sample());
    expect(md).toMatch(/^<b>Case Number:<\/b>\tCM13-0068515$/m);
    expect(md).toMatch(/^<b>Priority:<\/b>\tStandard\t<b>Application Received:<\/b>\t12\/19\/2013$/m);
    expect(md).toContain('### HOW THE IMR FINAL DETERMINATION WAS MADE');
    expect(md).toContain('Board Certified in Anesthesiology, has a subspecialty in Pain Management and is licensed to practice in California.');
    expect(md).toMatch(/^#### \*\*RETROSPECTIVE BACLOFEN 10MG #60: Upheld\*\*$/m);
    expect(md).toContain('**MAXIMUS guideline:** Decision based on MTUS Chronic Pain Medical Treatment Guidelines');
  });

  it('escapes letter text in HTML and Markdown, and the text still reads back', async () => {
    const det = { ...(await sample()), clinicalSummary: `This is a 48-year-old male. ${HOSTILE}` };
    const html = renderHtml(det);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<b>bold</b>');
    expect(parseLetterText(html, 'x.html').clinicalSummary).toBe(det.clinicalSummary);
    const md = renderMarkdown(det);
    expect(md).not.toContain('<script>');
    expect(parseLetterText(md, 'x.md').clinicalSummary).toBe(det.clinicalSummary);
    // Emphasis marks print as themselves rather than turning text bold.
    expect(renderMarkdown({ ...det, clinicalSummary: '**x**' })).toContain('&#42;&#42;x&#42;&#42;');
  });

  it('wraps plain text at spaces and keeps each item line whole', async () => {
    const det = await sample();
    const txt = renderText(det);
    for (const line of txt.split('\n')) if (!line.includes(': Upheld') && !line.includes(': Overturned')) expect(line.length).toBeLessThanOrEqual(95);
    expect(txt).toContain('\nRETROSPECTIVE BACLOFEN 10MG #60: Upheld\n');
  });

  it('states a partial certification before the remaining request', async () => {
    const det = await sample();
    const item = { ...det.items[0]!, request: 'Norco 10/325mg #35', originalRequest: 'Norco 10/325mg #60', authorizedPortion: 'Norco 10/325mg #25' };
    const back = parseLetterText(renderText({ ...det, items: [item] }), 'p.txt');
    expect(back.items[0]).toMatchObject({ request: 'Norco 10/325mg #35', originalRequest: 'Norco 10/325mg #60', authorizedPortion: 'Norco 10/325mg #25' });
  });

  it('renders a PDF whose text layer is the letter, with characters outside the standard fonts spelled out', async () => {
    const det = { ...(await sample()), clinicalSummary: 'This is a 48-year-old male with pain ≥ 7/10 → worse.' };
    const pdf = await renderPdf(det);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-');
    const { text } = await readLetterBytes(pdf, 'x.pdf');
    expect(text).toContain('pain >= 7/10 -> worse');
    expect(parseLetterText(text, 'x.pdf').items[0]!.request).toBe('RETROSPECTIVE BACLOFEN 10MG #60');
    expect(toWinAnsi('café – “ok” ≠ 𝑥')).toBe('café – “ok” != ?');
  });
});
