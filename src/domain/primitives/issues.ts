import type { Issue } from '../errors.js';

/** What a zod error (or any validation result) carries: issues with a path and a message. */
export interface IssueSource {
  readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[];
}

/**
 * A validation library's issues as OpenIMR issues: a path of names and
 * indexes (a symbol key, which no JSON input has, by its description) and the
 * message, each path behind `prefix` (the field or record the value was at).
 */
export function issuesFrom(source: IssueSource, prefix: readonly (string | number)[] = []): Issue[] {
  return source.issues.map((i) => ({ path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : (p as string | number)))], message: i.message }));
}

/** How issues are written as one line. */
export interface IssueFormat {
  /** What an issue about the whole value (an empty path) is called: "(input)", "(body)", "(record)". */
  whole?: string;
  /** At most this many issues are written. */
  limit?: number;
}

/** One issue as "path.to.field: message" (as Zod's prettifyError names a field). */
export function formatIssue(issue: Issue, format: IssueFormat = {}): string {
  return `${issue.path.join('.') || (format.whole ?? '')}: ${issue.message}`;
}

/** Issues as one line, "a.b: message; c: message", for error messages. */
export function formatIssues(issues: readonly Issue[], format: IssueFormat = {}): string {
  return (format.limit === undefined ? issues : issues.slice(0, format.limit)).map((i) => formatIssue(i, format)).join('; ');
}
