'use client';

import { createContext, useContext } from 'react';
import { headerItemClassFor } from './Button';

/**
 * Where a header control is shown: in the header's row, or as a row of the overflow ("…") menu.
 * HeaderMenu decides it by the window's width (each control once, so each test id exists once);
 * the controls read it here to style themselves. Outside the chat header (the share and model
 * pages) a control stands in a row.
 */
export type HeaderPlace = 'row' | 'menu';
export const HeaderPlaceContext = createContext<HeaderPlace>('row');
export const useHeaderPlace = () => useContext(HeaderPlaceContext);

/** Tailwind's breakpoints, from which a control's label is shown in the row (below it: the icon). */
export type LabelFrom = 'always' | 'lg' | 'xl' | '2xl';
const SR_ONLY_BELOW: Record<LabelFrom, string> = {
  always: '',
  lg: 'max-lg:sr-only',
  xl: 'max-xl:sr-only',
  '2xl': 'max-2xl:sr-only',
};
export const LabelFromContext = createContext<LabelFrom>('always');

/** The label of a header control: always written in the menu, hidden (kept as its name) in a narrow row. */
export function useHeaderLabelClass(): string {
  const place = useHeaderPlace();
  const from = useContext(LabelFromContext);
  return place === 'menu' ? '' : SR_ONLY_BELOW[from];
}

/** The class of a header control where it stands now (see HeaderPlaceContext). */
export function useHeaderItemClass(): string {
  return headerItemClassFor(useHeaderPlace());
}
