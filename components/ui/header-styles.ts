/**
 * A header control. In the menu: a full-width row at least 44 px high. In the row: 44 px high
 * below `lg` (touch widths) and on coarse pointers, 36 px with a border from `lg` up; at least as
 * wide as high, so an icon-only button is a square.
 */
const ROW_ITEM =
  'inline-flex h-11 min-w-11 shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-lg px-2.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 lg:h-9 lg:min-w-9 lg:border lg:border-zinc-300 lg:px-2.5 lg:dark:border-zinc-700 pointer-coarse:h-11 pointer-coarse:min-w-11 [&>svg]:shrink-0';
const MENU_ITEM =
  'flex min-h-11 w-full items-center gap-3 whitespace-nowrap rounded-lg px-3 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 [&>svg]:shrink-0';

export function headerItemClassFor(place: 'row' | 'menu'): string {
  return place === 'menu' ? MENU_ITEM : ROW_ITEM;
}

/** A header button always in the row: a 44 px square icon on phones, icon and label from `lg` up. */
export const headerButtonClass =
  'inline-flex h-11 min-w-11 shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-lg px-2.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 lg:h-9 lg:border lg:border-zinc-300 lg:px-3 lg:dark:border-zinc-700';

/** Icons beside a label: the label names the control, the icon is decoration. */
export const ICON_PROPS = { size: 18, strokeWidth: 2, 'aria-hidden': true } as const;
