import { describe, expect, it } from 'vitest';
import { NewUser, Reviewer } from '../index.js';

const reviewer = { id: 'R-9', name: 'Dr. Ada Park', boardCertifications: ['Orthopedic Surgery'], licensureStates: ['CA'], yearsInPractice: 12, hoursPerWeek: 30 };
const user = { username: 'ada', role: 'reviewer', password: 'a long enough password' };

describe('names people type', () => {
  it('are one trimmed line: reviewer and user names with NUL, newline, tab or DEL are refused at their field', () => {
    for (const bad of ['Dr. Ada\u0000Park', 'Dr. Ada\nPark', 'Dr.\tAda', 'Ada\u007f']) {
      const r = Reviewer.safeParse({ ...reviewer, name: bad });
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['name']);
      const u = NewUser.safeParse({ ...user, displayName: bad });
      expect(u.error!.issues.map((i) => i.path.join('.'))).toEqual(['displayName']);
    }
    expect(Reviewer.parse({ ...reviewer, name: '  Dr. Ada Park, MD  ' }).name).toBe('Dr. Ada Park, MD');
    expect(NewUser.parse({ ...user, displayName: 'Ada Park (ortho)' }).displayName).toBe('Ada Park (ortho)');
    expect(Reviewer.safeParse({ ...reviewer, name: '   ' }).success).toBe(false);
  });
});
