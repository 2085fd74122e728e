'use client';

import { useTranslations } from 'next-intl';
import { LazyMarkdown } from '@/components/markdown/LazyMarkdown';
import { modelLabel } from '@/lib/shared/model/profile';
import type { ComparedReply } from '@/lib/client/chat/types';

/** Under a reply picked from a comparison: its model, and the other reply, opened on demand. */
export function AlternativeReply({ compared }: { compared: ComparedReply }) {
  const t = useTranslations('compare');
  return (
    <div className="flex w-full flex-col gap-1 px-2 text-xs text-zinc-600 dark:text-zinc-400">
      <p data-testid="compare-picked-note">
        {t(compared.notPicked ? 'notPickedNote' : compared.blind ? 'pickedNoteBlind' : 'pickedNote', {
          model: modelLabel(compared.model),
        })}
      </p>
      {compared.alternatives.map((alternative, index) => (
        <details
          key={index}
          data-testid="compare-alternative"
          data-model={alternative.model}
          className="rounded-lg border border-zinc-200 dark:border-zinc-800"
        >
          <summary className="cursor-pointer px-3 py-2">
            {t('alternative', { model: modelLabel(alternative.model) })}
          </summary>
          <div className="border-t border-zinc-200 px-3 py-2 text-sm text-zinc-900 dark:border-zinc-800 dark:text-zinc-100">
            {alternative.text ? <LazyMarkdown text={alternative.text} /> : <p>{t('failed')}</p>}
          </div>
        </details>
      ))}
    </div>
  );
}
