import type { ComponentChildren } from 'preact';
import { followLink } from '../router.js';

/** An in-app link: a real `<a href>` (keyboard, middle-click and copy work) that navigates without reloading. */
export function Link(props: { href: string; children: ComponentChildren; class?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a href={props.href} class={props.class} onClick={followLink} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}
