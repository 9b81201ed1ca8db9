import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NewCase, ValidationError } from '../../domain/index.js';
import { ageOn, caseFromFhirBundle, isFhirBundle } from './fhir-import.js';

const BUNDLE = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'samples', 'cases', 'fhir-bundle.json'), 'utf8'));
const CTX = {
  application: { receivedDate: '2016-12-05', urDecisionDate: '2016-11-21', urServiceMethod: 'mail' as const, signed: true, urDecisionAttached: true },
  employer: 'Delta Freight Lines',
  claimsAdministrator: 'Harbor Claims Services',
};

describe('FHIR R4 bundle import', () => {
  it('maps patient, conditions, requests and documents to a valid new case', () => {
    expect(isFhirBundle(BUNDLE)).toBe(true);
    const c = NewCase.parse(caseFromFhirBundle(BUNDLE, CTX));
    expect(c.parties.worker).toEqual({ name: 'Dana Whitlock', dateOfBirth: '1968-05-20', address: '77 Alder Street, Stockton, CA 95202', phone: '209-555-0187' });
    expect(c.file.patient).toEqual({ age: 48, sex: 'female' });
    expect(c.file.injuryDates).toEqual(['2015-02-11']);
    expect(c.file.items.map((i) => i.request)).toEqual(['Baclofen 10mg #90 with 1 refills, 1 tablet three times a day', 'Physical therapy 2 times a week for 6 weeks, lumbar spine']);
    expect(c.file.documents).toEqual([{ title: 'PR-2 progress report', date: '2016-11-14', text: expect.stringContaining('Muscle spasm on exam') }]);
    expect(c.file.clinicalSummary).toMatch(/^The injured worker is a 48 year old female injured on 2015-02-11\. Diagnoses: Lumbar radiculopathy, lower back\./);
    expect(c.file.clinicalSummary).not.toContain('Whitlock');
  });

  it('computes age at the request date', () => {
    expect(ageOn('1968-05-20', '2016-05-19')).toBe(47);
    expect(ageOn('1968-05-20', '2016-05-20')).toBe(48);
  });

  it('reports every problem of a bad bundle with its path', () => {
    const bad = structuredClone(BUNDLE);
    bad.entry[0].resource.birthDate = '20/05/1968';
    bad.entry[2].resource.medicationCodeableConcept = { coding: [] };
    bad.entry[4].resource.content[0].attachment.contentType = 'application/pdf';
    const err = (() => {
      try {
        caseFromFhirBundle(bad, CTX);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.issues.map((i) => i.path.join('.'))).toEqual(['entry.0.resource.birthDate', 'entry.2.resource.medicationCodeableConcept', 'entry.4.resource.content.0.attachment.contentType']);
    expect(() => caseFromFhirBundle({ resourceType: 'Bundle', entry: [] }, CTX)).toThrow(/entry: the bundle has no entries/);
    // A day the calendar lacks is refused where it is written, as every date of a case is.
    const feb30 = structuredClone(BUNDLE);
    feb30.entry[0].resource.birthDate = '1968-02-30';
    expect(() => caseFromFhirBundle(feb30, CTX)).toThrow(/entry\.0\.resource\.birthDate: not a date the calendar has/);
    expect(() => caseFromFhirBundle({ resourceType: 'Patient' }, CTX)).toThrow(ValidationError);
  });
});
