/**
 * Sizes for touch widths (below `sm`, 640 px: phones), where a finger needs 44×44 px (WCAG 2.5.5,
 * Apple's and Google's guides). From `sm` up the controls keep their compact desktop size. The
 * header's own controls have theirs in header-styles.ts.
 */
/** A button or other control: at least 44×44 px on touch widths (its label stays centred). */
export const TOUCH_TARGET = 'max-sm:min-h-11 max-sm:min-w-11';
/** A text field or select: 44 px high on touch widths, with 16 px text so iOS Safari does not zoom in on focus. */
export const TOUCH_FIELD = 'max-sm:min-h-11 max-sm:text-base';
