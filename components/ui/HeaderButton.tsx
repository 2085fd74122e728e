'use client';

import clsx from 'clsx';
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { useHeaderItemClass, useHeaderLabelClass } from './header-place';

interface HeaderButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: ReactNode;
  /** Written beside the icon where there is room (header-place.ts), else its name; and its tooltip. */
  label: string;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A header control with an icon and a label, styled for where it stands (the header's row or the
 * overflow menu, header-place.ts). An icon-only header button is an IconButton (`header`).
 */
export function HeaderButton({ icon, label, className, type = 'button', ...props }: HeaderButtonProps) {
  const itemClass = useHeaderItemClass();
  const labelClass = useHeaderLabelClass();
  return (
    <button type={type} title={label} className={clsx(itemClass, className)} {...props}>
      {icon}
      <span className={labelClass}>{label}</span>
    </button>
  );
}
