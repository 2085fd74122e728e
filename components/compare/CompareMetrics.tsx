'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { tokensPerSecond } from '@/lib/client/chat/chat-session';
import type { ColumnTiming } from '@/lib/client/compare/metrics';
import type { ReplyMetadata } from '@/lib/client/chat/types';

/** Time to first token, generation speed and token usage of one column's reply. */
export function CompareMetrics({ timing, usage }: { timing: ColumnTiming; usage: ReplyMetadata['usage'] }) {
  const t = useTranslations('compare');
  const tChat = useTranslations('chat');
  const format = useFormatter();
  const rate = tokensPerSecond(timing, usage?.outputTokens);
  const seconds = (ms: number) => format.number(ms / 1000, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs tabular-nums text-zinc-600 dark:text-zinc-400">
      {timing.ttftMs !== undefined && (
        <span data-testid="compare-ttft">{t('ttft', { seconds: seconds(timing.ttftMs) })}</span>
      )}
      {rate !== undefined && (
        <span data-testid="compare-speed">
          {t('speed', { rate: format.number(rate, { maximumFractionDigits: 1 }) })}
        </span>
      )}
      {usage?.inputTokens != null && usage.outputTokens != null && (
        <span data-testid="compare-usage">
          {tChat('usage', { input: usage.inputTokens, output: usage.outputTokens })}
        </span>
      )}
      {timing.durationMs !== undefined && usage?.outputTokens == null && (
        <span data-testid="compare-no-usage">{t('noUsage')}</span>
      )}
    </p>
  );
}
