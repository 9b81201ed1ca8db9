import type { ComponentChildren } from 'preact';

/**
 * A wide table's frame: on a narrow screen the table scrolls sideways inside
 * it instead of widening the page. It can take focus, and is named, so that
 * keyboard users can scroll it too (WCAG 2.1.1).
 */
export function TableScroll(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={props.label}>
      {props.children}
    </div>
  );
}
