import type { TreatmentCategory } from './api/types.js';

/** Every treatment category, with how it is shown (a Record, so a category added to the domain must be named here). */
export const CATEGORY_LABEL: Record<TreatmentCategory, string> = {
  medication: 'Medication',
  'physical-medicine': 'Physical medicine',
  injection: 'Injection',
  imaging: 'Imaging',
  diagnostic: 'Diagnostic',
  surgery: 'Surgery',
  dme: 'Durable medical equipment',
  psych: 'Psychological',
  evaluation: 'Evaluation',
  other: 'Other',
};

export function categoryLabel(key: string | null): string {
  return (key && CATEGORY_LABEL[key as TreatmentCategory]) || key || '(none)';
}

/** "2016-12-29" → "Dec 29, 2016". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** "2016-12" → "Dec 2016". */
export function formatMonth(key: string | null): string {
  if (!key) return '(no date)';
  const d = new Date(`${key}-15T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? key : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', timeZone: 'UTC' });
}
