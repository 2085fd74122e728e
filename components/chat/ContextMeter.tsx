'use client';

import clsx from 'clsx';
import { useLocale, useTranslations } from 'next-intl';
import { Notice } from '@/components/ui/Notice';
import { formatInteger } from '@/lib/client/i18n/format-integer';
import type { ContextMeasure } from '@/lib/shared/ai/context-budget';

export const CONTEXT_OVER_ID = 'context-over';

/**
 * How much of the model's window the next request takes: conversation, system prompt, documents,
 * draft and the room kept for the reply (max_tokens). Over the window it says by how much and
 * what to do; the composer does not send (nothing is cut silently).
 */
export function ContextMeter({ measure, current }: { measure: ContextMeasure | null; current: boolean }) {
  const t = useTranslations('contextMeter');
  const locale = useLocale();
  if (!measure) {
    return (
      <p
        data-testid="context-meter"
        data-state="counting"
        className="px-2 pt-1 text-xs text-zinc-600 dark:text-zinc-400"
      >
        {t('counting')}
      </p>
    );
  }
  const { promptTokens, maxTokens, contextTokens, overBy, droppedTurns } = measure;
  const used = promptTokens + maxTokens;
  const share = Math.min(1, used / contextTokens);
  const state = overBy > 0 ? 'over' : share >= 0.9 ? 'near' : 'ok';
  // Grouped without Intl: the page's first Intl.NumberFormat (ICU's number data) was a ~115 ms
  // task at 4x CPU in the first load, when the meter first counts (lib/client/i18n/format-integer.ts).
  const [usedText, windowText] = [formatInteger(used, locale), formatInteger(contextTokens, locale)];
  return (
    <div
      data-testid="context-meter"
      data-state={state}
      data-used={used}
      data-window={contextTokens}
      data-over={overBy}
      data-current={current}
      data-exact={measure.exact !== false}
      className="flex flex-col gap-1 px-2 pt-1 text-xs text-zinc-600 dark:text-zinc-400"
    >
      <div className="flex items-center gap-2">
        <div
          aria-hidden
          className="h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700 sm:w-24"
        >
          <div
            className={clsx(
              'h-full rounded-full',
              state === 'over' ? 'bg-red-600' : state === 'near' ? 'bg-amber-500' : 'bg-brand-500',
            )}
            style={{ width: `${Math.round(share * 100)}%` }}
          />
        </div>
        <span>
          <span className="sr-only">{t('label')}: </span>
          {/* Counted by bytes (a model the registry does not know): an upper bound, said as one. */}
          {t(measure.exact === false ? 'usageAbout' : 'usage', { used: usedText, window: windowText })}
          <span className="text-zinc-500 dark:text-zinc-400">
            {' '}
            · {t('reply', { reply: formatInteger(maxTokens, locale) })}
          </span>
        </span>
      </div>
      {overBy > 0 ? (
        <Notice tone="error" id={CONTEXT_OVER_ID} role="alert" data-testid="context-over">
          {t('over', { over: formatInteger(overBy, locale), window: windowText })}
        </Notice>
      ) : (
        droppedTurns > 0 && <p data-testid="context-drop">{t('dropped', { count: droppedTurns })}</p>
      )}
    </div>
  );
}
