import type { Segment } from '../text/segments.js';

/**
 * Text with highlighted pieces as `<mark>` elements: every piece is a text
 * node, so letter and case text is never read as markup.
 */
export function Highlighted(props: { segments: Segment[]; markClass?: (keys: string[]) => string; markTitle?: (keys: string[]) => string | undefined }) {
  return (
    <>
      {props.segments.map((s, i) =>
        s.keys.length === 0 ? (
          s.text
        ) : (
          <mark key={i} class={props.markClass?.(s.keys) ?? 'hl'} data-keys={s.keys.join(' ')} title={props.markTitle?.(s.keys)}>
            {s.text}
          </mark>
        ),
      )}
    </>
  );
}
