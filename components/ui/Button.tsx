import clsx from 'clsx';
import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';

/**
 * Sizes for touch widths (below `sm`, 640 px: phones), where a finger needs 44×44 px (WCAG 2.5.5,
 * Apple's and Google's guides). From `sm` up the controls keep their compact desktop size. The
 * header's own controls have theirs in Button.tsx.
 */
/** A button or other control: at least 44×44 px on touch widths (its label stays centred). */
export const TOUCH_TARGET = 'max-sm:min-h-11 max-sm:min-w-11';
/** A text field or select: 44 px high on touch widths, with 16 px text so iOS Safari does not zoom in on focus. */
export const TOUCH_FIELD = 'max-sm:min-h-11 max-sm:text-base';

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

/**
 * The app's one button. A look (`variant`) and a size; everything else is the native button's
 * (`type` is "button" unless given). Disabled, it fades and does not react to hover. On touch
 * widths every size is at least 44×44 px (Button.tsx). `className` adds placement (margins, width,
 * self-alignment, alignment of a wrapped label); it must not restate what the look and size set.
 */
export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'neutral' | 'link';
export type ButtonSize = 'xs' | 'sm' | 'lg';

const BASE = `inline-flex items-center justify-center gap-1.5 disabled:cursor-not-allowed disabled:opacity-40 [&>svg]:shrink-0 ${TOUCH_TARGET}`;

const VARIANT: Record<ButtonVariant, string> = {
  /** The one main action of a place: send, save, apply. */
  primary: 'bg-brand-600 font-medium text-white enabled:hover:bg-brand-700',
  /** Any other action. */
  secondary: 'border border-zinc-300 enabled:hover:bg-zinc-100 dark:border-zinc-700 dark:enabled:hover:bg-zinc-800',
  /** Deletes something, or acts on an error (retry in a red notice). */
  danger:
    'border border-red-400 font-medium text-red-700 enabled:hover:bg-red-100 dark:border-red-700 dark:text-red-300 dark:enabled:hover:bg-red-900',
  /** A row of a menu, or a quiet action: no box until hovered (darkening whatever it stands on). */
  ghost: 'enabled:hover:bg-black/5 dark:enabled:hover:bg-white/10',
  /** Stop: as strong as send, but not the brand's colour. */
  neutral:
    'bg-zinc-800 font-medium text-white enabled:hover:bg-zinc-700 dark:bg-zinc-200 dark:text-zinc-900 dark:enabled:hover:bg-zinc-300',
  /** An action inside a sentence or a notice: undo, dismiss. */
  link: 'font-medium text-brand-600 underline enabled:hover:text-brand-700 dark:text-brand-100 dark:enabled:hover:text-white',
};

/** Boxed looks: the size sets the box. A link has no box: the size sets its text only. */
const SIZE: Record<ButtonSize, string> = {
  xs: 'rounded-lg px-2 py-1 text-xs',
  sm: 'rounded-lg px-3 py-1.5 text-sm',
  lg: 'min-h-11 rounded-xl px-4 py-2 text-sm',
};
const LINK_SIZE: Record<ButtonSize, string> = { xs: 'rounded text-xs', sm: 'rounded text-sm', lg: 'rounded text-base' };

/** The class of a button of this look and size, for a control that must be another element (a link). */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'sm', className?: string): string {
  return clsx(BASE, VARIANT[variant], variant === 'link' ? LINK_SIZE[size] : SIZE[size], className);
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Before the label, decoration only (give it aria-hidden). */
  icon?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant, size, icon, className, type = 'button', children, ...props }: ButtonProps) {
  return (
    <button type={type} className={buttonClass(variant, size, className)} {...props}>
      {icon}
      {children}
    </button>
  );
}

/**
 * `header`: the header's square (44 px; 36 px with a border from `lg` up on a fine pointer).
 * `plain`: a square in content, 44 px on touch widths and `sm` (28 px) or `lg` (40 px) from 640 px
 * up; its hover darkens whatever it stands on (a chip, a red notice).
 */
const ICON_LOOK = {
  header: headerButtonClass,
  plain:
    'inline-flex h-11 w-11 shrink-0 items-center justify-center rounded-lg enabled:hover:bg-black/5 disabled:cursor-not-allowed disabled:opacity-40 dark:enabled:hover:bg-white/10',
} as const;
const ICON_SIZE = { sm: 'sm:h-7 sm:w-7', lg: 'sm:h-10 sm:w-10' } as const;

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'title'> {
  /** Its name (aria-label, unless one is given) and tooltip: an icon alone names nothing. */
  label: string;
  icon: ReactNode;
  variant?: keyof typeof ICON_LOOK;
  /** `plain` only. */
  size?: keyof typeof ICON_SIZE;
  ref?: Ref<HTMLButtonElement>;
}

export function IconButton({
  label,
  icon,
  variant = 'plain',
  size = 'sm',
  className,
  type = 'button',
  ...props
}: IconButtonProps) {
  return (
    <button
      type={type}
      aria-label={label}
      title={label}
      className={clsx(ICON_LOOK[variant], variant === 'plain' && ICON_SIZE[size], className)}
      {...props}
    >
      {icon}
    </button>
  );
}
