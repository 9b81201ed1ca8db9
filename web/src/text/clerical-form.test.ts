import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DWC_PDF } from '../../../test/sample-letters.js';
import type { ImrCase } from '../../../src/domain/index.js';
import { parseLetterFile } from '../../../src/letters/index.js';
import { tempStore } from '../../../test/store-fixtures.js';
import { CaseService } from '../../../src/workflow/cases/index.js';
import { applyClerical, parseClerical } from '../../../src/workflow/cases/index.js';
import { caseFromLetter } from '../../../test/case-fixtures.js';
import { auditQuery } from './audit-filters.js';
import { clericalChanges, formOf } from './clerical-form.js';

describe("the coordinator's clerical correction form (a real letter's case)", () => {
  let ctx: Awaited<ReturnType<typeof tempStore>>;
  let c: ImrCase;
  beforeAll(async () => {
    ctx = await tempStore();
    const letter = (await parseLetterFile(join(DWC_PDF, 'CM16-0230548.pdf'))).determination;
    c = await new CaseService(ctx.store).open(caseFromLetter(letter), 'cora');
  });
  afterAll(() => ctx.dispose());

  it('sends nothing for an untouched form, and only what was changed otherwise', () => {
    expect(clericalChanges(c, formOf(c))).toEqual({});
    // Spaces around a value are not a change.
    expect(clericalChanges(c, { ...formOf(c), employer: ` ${c.parties.employer.name} ` })).toEqual({});
    expect(clericalChanges(c, { ...formOf(c), injuryDates: '2016-10-31, 2016-11-02', age: '61' })).toEqual({ injuryDates: ['2016-10-31', '2016-11-02'], patient: { age: 61, sex: c.file.patient.sex } });
  });

  it('sends corrected parties whole, with the providers kept, and the server applies exactly that change', () => {
    const fix = clericalChanges(c, { ...formOf(c), worker: 'Mario Elías González', claimNumber: 'SCIF-05512878' });
    expect(Object.keys(fix)).toEqual(['parties']);
    const after = applyClerical(c, parseClerical(fix));
    expect(after.parties).toEqual({
      ...c.parties,
      worker: { ...c.parties.worker, name: 'Mario Elías González' },
      claimsAdministrator: { ...c.parties.claimsAdministrator, claimNumber: 'SCIF-05512878' },
    });
    expect(after.file).toEqual(c.file);
    expect(after.application).toEqual(c.application);
  });
});

describe("the audit page's filters as the API takes them", () => {
  it('names a case by id when it is a number, else by its case number, and leaves out blank filters', () => {
    const blank = { case: '', actor: '', action: '', from: '', to: '' };
    expect(auditQuery(blank)).toEqual({});
    expect(auditQuery({ ...blank, case: ' 12 ' })).toEqual({ caseId: 12 });
    expect(auditQuery({ ...blank, case: '#12' })).toEqual({ caseId: 12 });
    expect(auditQuery({ ...blank, case: 'CM16-0230548', actor: ' cora ', action: 'issue-correction', from: '2016-12-01', to: '2016-12-31' })).toEqual({
      caseNumber: 'CM16-0230548',
      actor: 'cora',
      action: 'issue-correction',
      from: '2016-12-01',
      to: '2016-12-31',
    });
  });
});
