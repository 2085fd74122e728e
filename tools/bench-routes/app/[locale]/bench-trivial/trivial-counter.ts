'use client';
// The one client component of the bench's trivial page (page.bench.ts), as bench/floor-app has.
import { createElement as h, useState } from 'react';

export function TrivialCounter() {
  const [count, setCount] = useState(0);
  return h('button', { type: 'button', onClick: () => setCount(count + 1) }, `Clicked ${count} times`);
}
