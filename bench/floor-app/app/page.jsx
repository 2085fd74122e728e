import { Counter } from './counter';

export default function Page() {
  return (
    <main>
      <h1>A bare Next.js App Router page</h1>
      <p>Rendered on the server, with one client component below.</p>
      <Counter />
    </main>
  );
}
