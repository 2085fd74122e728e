/**
 * The width tier the chat header is laid out for: Tailwind's breakpoints (rem, as Tailwind 4
 * writes its media queries), so what JavaScript places in the row matches what CSS shows there.
 */
export const HEADER_TIERS = ['base', 'sm', 'md', 'lg', 'xl', '2xl'] as const;
export type HeaderTier = (typeof HEADER_TIERS)[number];

const MIN_WIDTH_REM: Record<Exclude<HeaderTier, 'base'>, number> = { sm: 40, md: 48, lg: 64, xl: 80, '2xl': 96 };

const queries = () =>
  (Object.entries(MIN_WIDTH_REM) as [HeaderTier, number][]).map(
    ([tier, rem]) => [tier, window.matchMedia(`(min-width: ${rem}rem)`)] as const,
  );

/** For useSyncExternalStore: the widest tier whose breakpoint the window reaches. */
export const headerTierStore = {
  get(): HeaderTier {
    let tier: HeaderTier = 'base';
    for (const [name, query] of queries()) if (query.matches) tier = name;
    return tier;
  },
  subscribe(listener: () => void): () => void {
    const lists = queries().map(([, query]) => query);
    for (const list of lists) list.addEventListener('change', listener);
    return () => {
      for (const list of lists) list.removeEventListener('change', listener);
    };
  },
};
