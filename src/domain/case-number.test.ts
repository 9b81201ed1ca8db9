import { describe, expect, it } from 'vitest';
import { realLetterTexts } from '../../test/sample-letters.js';
import { CASE_NUMBER_FORMAT, CASE_NUMBER_IN_TEXT, caseNumber, caseNumbersPattern } from './case-number.js';
import { CaseNumber, idOrCaseNumber, LetterFormat } from './determination.js';
import { LETTER_EXTENSIONS, LETTER_FORMATS, LETTER_MEDIA_TYPES, isLetterFormat, letterFormatOfName } from './letter-formats.js';

describe('the case number, defined once', () => {
  it('finds the case number of each of the 65 DWC letters (the five samples carry none), and writes it in the stored form', () => {
    const dwc = realLetterTexts().filter((l) => l.name.startsWith('CM'));
    expect(dwc).toHaveLength(65);
    for (const { name, text } of dwc) {
      const m = CASE_NUMBER_IN_TEXT.exec(text);
      expect(m, name).not.toBeNull();
      const n = caseNumber(m![1]!, m![2]!);
      expect(CASE_NUMBER_FORMAT.test(n), n).toBe(true);
      expect(`${n}.txt`).toBe(name);
    }
  });

  it('numbers a year and a sequence, and finds every number in a text', () => {
    expect(caseNumber(2016, 230548)).toBe('CM16-0230548');
    expect(caseNumber(7, 1)).toBe('CM07-0000001');
    expect('CM16-0230548 and CM17-0000001, not CM1-0000001'.match(caseNumbersPattern())).toEqual(['CM16-0230548', 'CM17-0000001']);
  });

  it('refuses what is not one, in the words the API answers with', () => {
    expect(CaseNumber.safeParse('cm16-0230548').success).toBe(true);
    expect(CaseNumber.safeParse('CM16-023054').error?.issues[0]?.message).toBe('a case number (CMyy-nnnnnnn)');
    expect(idOrCaseNumber('case').safeParse('42').success).toBe(true);
    expect(idOrCaseNumber('letter').safeParse('CM16-0230548x').error?.issues[0]?.message).toBe('a letter id or a case number (CMyy-nnnnnnn)');
  });
});

describe('the letter formats, defined once', () => {
  it('names each format by its file endings and media type', () => {
    expect([...LETTER_FORMATS]).toEqual(['txt', 'md', 'html', 'pdf']);
    for (const f of LETTER_FORMATS) {
      expect(isLetterFormat(f)).toBe(true);
      expect(LetterFormat.parse(f)).toBe(f);
      for (const ext of LETTER_EXTENSIONS[f]) expect(letterFormatOfName(`CM16-0230548${ext.toUpperCase()}`)).toBe(f);
    }
    expect(LETTER_MEDIA_TYPES.pdf).toBe('application/pdf');
    expect(letterFormatOfName('letter.docx')).toBeNull();
    expect(isLetterFormat('docx')).toBe(false);
  });
});
