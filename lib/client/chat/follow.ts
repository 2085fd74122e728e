/** How close to the bottom (px) still counts as "at the end" of the conversation. */
export const NEAR_BOTTOM_PX = 160;

export interface ScrollPosition {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/**
 * Whether the view should keep following the reply after a scroll event. Scrolling up (the
 * reader wants to read something) stops following unless it stays near the end; reaching the
 * end again resumes it. Growth of the reply itself never stops following.
 */
export function keepsFollowing(following: boolean, previousTop: number, now: ScrollPosition): boolean {
  const nearBottom = now.scrollHeight - now.scrollTop - now.clientHeight < NEAR_BOTTOM_PX;
  if (nearBottom) return true;
  return now.scrollTop < previousTop - 1 ? false : following;
}
