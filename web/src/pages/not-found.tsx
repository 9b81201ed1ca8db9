import { Link } from '../components/link.js';

/** Said the same for what does not exist and what this user may not see, so neither is revealed. */
export function NotFoundPage(props: { what?: string }) {
  return (
    <div class="page narrow" data-page="not-found">
      <h1>Not found</h1>
      <p>
        There is no {props.what ?? 'page'} here{props.what === 'case' ? ' that you may open: it does not exist, or it is not assigned to you' : ''}.
      </p>
      <p>
        <Link href="/">Back to the start page</Link>
      </p>
    </div>
  );
}
