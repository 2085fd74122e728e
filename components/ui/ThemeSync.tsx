'use client';

import { useLayoutEffect } from 'react';
import { applyTheme, themeStore } from '@/lib/shared/ui/theme';

/**
 * Puts the remembered theme back on <html> whenever the [locale] layout mounts. A language switch
 * is a client-side navigation that remounts the root layout, and React clears the attributes of
 * the <html> it takes over: without this, ダーク chosen then English showed the light theme (the
 * menu still saying "Dark") until a reload. The layout keys this component by locale. Before
 * paint, so the page does not flash light.
 */
export function ThemeSync() {
  useLayoutEffect(() => applyTheme(themeStore.get(), document.documentElement), []);
  return null;
}
