/**
 * After the load: proof from the database itself that no acknowledged
 * write was lost and that every 409 answered a write that really was stale.
 */
import { openStore } from '../src/store/index.js';

/** One decision POST as the client saw it. */
export interface WriteRecord {
  caseId: number;
  sentVersion: number;
  /** The client sent a version it knew to be old. */
  deliberate: boolean;
  item: number;
  decision: string;
  /** Unique text in the rationale, to find the write in the audit trail. */
  token: string;
  status: number;
  /** The case version the server answered with (200 only). */
  newVersion: number | null;
  /** Date.now() when the answer arrived. */
  answeredAt: number;
}

export interface Verification {
  problems: string[];
  acknowledged: number;
  conflicts: number;
  auditEntries: number;
}

/** Checks the writes against the database at `dbPath` (server stopped). `startVersions`: each case's version before the load. */
export async function verifyWrites(dbPath: string, writes: readonly WriteRecord[], startVersions: ReadonlyMap<number, number>): Promise<Verification> {
  const store = await openStore({ path: dbPath });
  const problems: string[] = [];
  try {
    const auditEntries = await store.audit.verify();
    for (const [caseId, v0] of startVersions) {
      const c = (await store.cases.get(caseId))!;
      const acked = writes.filter((w) => w.caseId === caseId && w.status === 200).sort((a, b) => a.newVersion! - b.newVersion!);
      // Each acknowledged write made exactly one version, and nothing else wrote: versions v0+1..final, each once.
      const versions = acked.map((w) => w.newVersion!);
      const expected = Array.from({ length: c.version - v0 }, (_, k) => v0 + 1 + k);
      if (JSON.stringify(versions) !== JSON.stringify(expected)) problems.push(`case ${caseId}: acknowledged versions ${versions.length} do not account for versions ${v0 + 1}..${c.version}`);
      // Every acknowledged write is in the audit trail, with its decision.
      const decides = (await store.audit.list(caseId)).filter((e) => e.action === 'decide' && JSON.stringify(e.after).includes('load-'));
      if (decides.length !== acked.length) problems.push(`case ${caseId}: ${acked.length} acknowledged decisions, ${decides.length} in the audit trail`);
      const audited = new Set(decides.flatMap((e) => ((e.after as { decisions?: { rationale: string }[] })?.decisions ?? []).map((d) => /load-\d+-\d+/.exec(d.rationale)?.[0])));
      for (const w of acked) if (!audited.has(w.token)) problems.push(`case ${caseId}: acknowledged write ${w.token} is not in the audit trail`);
      // The case holds, per item, the last acknowledged decision.
      const last = new Map<number, WriteRecord>();
      for (const w of acked) last.set(w.item, w);
      for (const [item, w] of last) {
        const d = c.decisions.find((x) => x.index === item);
        if (!d || !d.rationale.includes(w.token) || d.decision !== w.decision) problems.push(`case ${caseId} item ${item}: the stored decision is not the last acknowledged one (${w.token})`);
      }
      // A 409 is real when a write had moved the case past the version sent, before the 409 was answered.
      const at = new Map((await store.audit.list(caseId)).filter((e) => e.action === 'decide').map((e, k) => [v0 + 1 + k, Date.parse(e.at)]));
      for (const w of writes.filter((x) => x.caseId === caseId && x.status === 409)) {
        const moved = at.get(w.sentVersion + 1);
        if (moved === undefined || moved > w.answeredAt) problems.push(`case ${caseId}: 409 for version ${w.sentVersion} with no earlier write past it`);
      }
      for (const w of writes.filter((x) => x.caseId === caseId && x.deliberate && x.status === 200)) problems.push(`case ${caseId}: a deliberately stale write (version ${w.sentVersion}) was accepted`);
    }
    return { problems, acknowledged: writes.filter((w) => w.status === 200).length, conflicts: writes.filter((w) => w.status === 409).length, auditEntries };
  } finally {
    await store.close();
  }
}
