/**
 * The chat header's controls. Below `lg` the less used ones live in the overflow menu as full-width
 * rows at least 44 px high (touch targets); from `lg` up they stand in the header's one row.
 */
export const headerItemClass =
  'flex min-h-11 w-full items-center gap-3 whitespace-nowrap rounded-lg px-3 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 lg:min-h-9 lg:w-auto lg:gap-1.5 lg:border lg:border-zinc-300 lg:py-1 lg:dark:border-zinc-700';

/** A header button always in the row: a 44 px square icon on phones, icon and label from `lg` up. */
export const headerButtonClass =
  'inline-flex h-11 min-w-11 shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-lg px-2.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 lg:h-9 lg:border lg:border-zinc-300 lg:px-3 lg:dark:border-zinc-700';

/** Icons beside a label: the label names the control, the icon is decoration. */
export const ICON_PROPS = { size: 18, strokeWidth: 2, 'aria-hidden': true } as const;
