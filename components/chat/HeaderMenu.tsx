'use client';

import { useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import clsx from 'clsx';
import { Ellipsis } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { IconButton, ICON_PROPS } from '@/components/ui/Button';
import { HeaderPlaceContext, LabelFromContext, type LabelFrom } from '@/components/ui/header-place';
import { FOCUS_FALLBACK_ATTRIBUTE } from '@/lib/client/browser/focus';
import { HEADER_TIERS, headerTierStore, type HeaderTier } from './header-tier';

const TOGGLE_ID = 'header-menu-toggle';

export interface HeaderAction {
  key: string;
  node: ReactNode;
  /** The width from which the control stands in the row; below it, in the "…" menu. Omitted: always in the menu. */
  rowFrom?: HeaderTier;
  /** In the row: the width from which its label is written beside the icon. */
  labelFrom?: LabelFrom;
  /** The width from which the control is not needed at all (the settings toggle once the panel is a column). */
  goneFrom?: HeaderTier;
}

/** Before hydration (and on the server) every row control is in the row; CSS hides it where it belongs to the menu. */
const ROW_VISIBLE_FROM: Record<HeaderTier, string> = {
  base: 'flex',
  sm: 'hidden sm:flex',
  md: 'hidden md:flex',
  lg: 'hidden lg:flex',
  xl: 'hidden xl:flex',
  '2xl': 'hidden 2xl:flex',
};
const GONE_FROM: Record<HeaderTier, string> = {
  base: 'hidden',
  sm: 'sm:hidden',
  md: 'md:hidden',
  lg: 'lg:hidden',
  xl: 'xl:hidden',
  '2xl': '2xl:hidden',
};

const noSubscription = () => () => {};
const noTier = () => null;

const atLeast = (tier: HeaderTier, from: HeaderTier) => HEADER_TIERS.indexOf(tier) >= HEADER_TIERS.indexOf(from);

/**
 * The header's actions by priority (ChatGPT's and Claude's convention): each stands in the row
 * from the width where it fits without cutting off the app's name or anything else, and is a row
 * of the overflow ("…") menu below it. The menu is a disclosure: Escape or a tap elsewhere closes
 * it, focus moves into it when it opens and back to its button when it closes. Each control is
 * rendered once (in the row or in the menu), so each test id exists once.
 */
export function HeaderActions({ actions }: { actions: HeaderAction[] }) {
  const t = useTranslations('app');
  // The width tier the menu was opened at: a resize to another tier closes it (its items change).
  const [openAt, setOpenAt] = useState<HeaderTier | null | false>(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // The server cannot know the width: it renders the widest header and CSS hides what is not in it.
  // The page keeps that until the menu is first opened, when each control moves to the row or the
  // menu by the width (so each exists once) and follows it from then on. Placing them at hydration
  // re-rendered every control of the header in a task of its own on each load (issue #35 item 5).
  const [placed, setPlaced] = useState(false);
  const tier = useSyncExternalStore(
    placed ? headerTierStore.subscribe : noSubscription,
    placed ? headerTierStore.get : noTier,
    noTier,
  );

  const present = actions.filter((a) => !(tier && a.goneFrom && atLeast(tier, a.goneFrom)));
  const inRow = (a: HeaderAction) => a.rowFrom !== undefined && (tier === null || atLeast(tier, a.rowFrom));
  const rowActions = present.filter(inRow);
  const menuActions = present.filter((a) => !inRow(a));
  // The last width from which every control stands in the row: there the menu is not needed.
  const menuGoneFrom = actions.every((a) => a.rowFrom || a.goneFrom)
    ? HEADER_TIERS[Math.max(...actions.map((a) => HEADER_TIERS.indexOf((a.rowFrom ?? a.goneFrom)!)))]
    : null;

  const menuOpen = openAt !== false && openAt === tier && menuActions.length > 0;
  const close = () => setOpenAt(false);

  useEffect(() => {
    if (!menuOpen) return;
    panelRef.current?.querySelector<HTMLElement>('button, a[href], select')?.focus();
    function onPointerDown(e: PointerEvent) {
      const target = e.target as Node;
      if (panelRef.current?.contains(target) || toggleRef.current?.contains(target)) return;
      close();
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [menuOpen]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Escape' || !menuOpen) return;
    e.stopPropagation();
    close();
    toggleRef.current?.focus();
  }

  return (
    <>
      {rowActions.map((a) => (
        <div
          key={a.key}
          className={clsx(
            tier === null ? ROW_VISIBLE_FROM[a.rowFrom!] : 'flex',
            tier === null && a.goneFrom && GONE_FROM[a.goneFrom],
          )}
        >
          <HeaderPlaceContext.Provider value="row">
            <LabelFromContext.Provider value={a.labelFrom ?? 'always'}>{a.node}</LabelFromContext.Provider>
          </HeaderPlaceContext.Provider>
        </div>
      ))}
      {(tier === null || menuActions.length > 0) && (
        <IconButton
          ref={toggleRef}
          id={TOGGLE_ID}
          variant="header"
          data-testid="header-menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="header-menu"
          label={t('more')}
          icon={<Ellipsis {...ICON_PROPS} />}
          onClick={() => {
            setPlaced(true);
            setOpenAt(menuOpen ? false : headerTierStore.get());
          }}
          onKeyDown={onKeyDown}
          className={clsx('lg:px-2', tier === null && menuGoneFrom && GONE_FROM[menuGoneFrom])}
        />
      )}
      <div
        ref={panelRef}
        id="header-menu"
        data-testid="header-menu"
        {...{ [FOCUS_FALLBACK_ATTRIBUTE]: TOGGLE_ID }}
        onKeyDown={onKeyDown}
        onClick={(e) => {
          // A chosen item closes the menu (the theme and language selects stay until they are changed).
          const item = (e.target as Element).closest('button, a');
          if (menuOpen && item && panelRef.current?.contains(item)) close();
        }}
        className={clsx(
          menuOpen ? 'flex' : 'hidden',
          'absolute right-2 top-full z-30 mt-1 max-h-[calc(100dvh-4rem)] w-72 max-w-[calc(100vw-1rem)] flex-col gap-0.5 overflow-y-auto rounded-xl border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-700 dark:bg-zinc-900',
        )}
      >
        <HeaderPlaceContext.Provider value="menu">
          {menuActions.map((a) => (
            <div key={a.key} className={clsx('contents', a.goneFrom && GONE_FROM[a.goneFrom])}>
              {a.node}
            </div>
          ))}
        </HeaderPlaceContext.Provider>
      </div>
    </>
  );
}
