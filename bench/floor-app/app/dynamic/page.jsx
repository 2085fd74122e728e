import { connection } from 'next/server';
import { Counter } from '../counter';

// The floor rendered per request, as the app's pages are (their CSP nonce, the run-time
// configuration): bench/lighthouse.ts measures it beside the static one.
export default async function DynamicPage() {
  await connection();
  return (
    <main>
      <h1>A bare Next.js App Router page</h1>
      <p>Rendered on the server for each request, with one client component below.</p>
      <Counter />
    </main>
  );
}
