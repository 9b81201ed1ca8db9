/** The coordinator's clerical correction form: the case's facts as text fields, and what a filled form changes. */
import type { ClericalCorrection, ImrCase } from '../api/types.js';

/** The clerical facts as the form edits them: text fields, blank where the case has none. */
export interface ClericalForm {
  worker: string;
  dateOfBirth: string;
  workerAddress: string;
  employer: string;
  claimsAdministrator: string;
  claimNumber: string;
  applicationReceived: string;
  urDecisionDate: string;
  assignedOn: string;
  decisionDate: string;
  injuryDates: string;
  age: string;
  sex: string;
}

/** The form filled with the case's clerical facts as they stand. */
export function formOf(c: ImrCase): ClericalForm {
  const p = c.parties;
  return {
    worker: p.worker.name,
    dateOfBirth: p.worker.dateOfBirth ?? '',
    workerAddress: p.worker.address ?? '',
    employer: p.employer.name,
    claimsAdministrator: p.claimsAdministrator.name,
    claimNumber: p.claimsAdministrator.claimNumber ?? '',
    applicationReceived: c.application.receivedDate,
    urDecisionDate: c.application.urDecisionDate,
    assignedOn: c.assignedOn ?? '',
    decisionDate: c.decidedOn ?? '',
    injuryDates: c.file.injuryDates.join(', '),
    age: c.file.patient.age === null ? '' : String(c.file.patient.age),
    sex: c.file.patient.sex ?? '',
  };
}

/** Only what the form changed, as the API takes it: the server refuses a correction that changes nothing. */
export function clericalChanges(c: ImrCase, f: ClericalForm): ClericalCorrection {
  const was = formOf(c);
  const changed = (k: keyof ClericalForm) => f[k].trim() !== was[k].trim();
  const out: ClericalCorrection = {};
  if ((['worker', 'dateOfBirth', 'workerAddress', 'employer', 'claimsAdministrator', 'claimNumber'] as const).some(changed)) {
    const p = c.parties;
    out.parties = {
      ...p,
      worker: { ...p.worker, name: f.worker.trim(), dateOfBirth: f.dateOfBirth || null, address: f.workerAddress.trim() || null },
      employer: { ...p.employer, name: f.employer.trim() },
      claimsAdministrator: { ...p.claimsAdministrator, name: f.claimsAdministrator.trim(), claimNumber: f.claimNumber.trim() || null },
    };
  }
  if (changed('applicationReceived')) out.applicationReceived = f.applicationReceived;
  if (changed('urDecisionDate')) out.urDecisionDate = f.urDecisionDate;
  if (changed('assignedOn')) out.assignedOn = f.assignedOn;
  if (changed('decisionDate')) out.decisionDate = f.decisionDate;
  if (changed('injuryDates')) out.injuryDates = f.injuryDates.split(/[,\s]+/).filter(Boolean);
  if (changed('age') || changed('sex')) out.patient = { age: f.age.trim() === '' ? null : Number(f.age), sex: f.sex === 'male' || f.sex === 'female' ? f.sex : null };
  return out;
}

