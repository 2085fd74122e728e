'use client';

import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { modelLabel } from '@/lib/shared/model/profile';
import { messageText } from '@/lib/client/chat/chat-session';
import { compareStore } from '@/lib/client/compare/compare-store';
import { distinctTabLabels } from '@/lib/client/compare/tab-labels';
import { CompareColumns } from './CompareColumns';
import { CompareToolbar } from './CompareToolbar';
import { RunColumn, useColumnName } from './RunColumn';
import { SetupColumn } from './SetupColumn';

/** Phone tabs: "1 · 8B v0.1" and "2 · 70B v0.1" (what tells the models apart fits); blind: "Model A", "Model B". */
const tabLabels = (names: string[], blind: boolean) =>
  blind ? names : distinctTabLabels(names).map((label, index) => `${index + 1} · ${label}`);

/** Compare mode: the setup of both columns, or the comparison under way with its two replies. */
export function ComparePanel({ models }: { models: string[] }) {
  const t = useTranslations('compare');
  const state = useSyncExternalStore(compareStore.subscribe, compareStore.get, compareStore.get);
  const columnName = useColumnName();
  const { run, targets } = state;
  if (!run && !targets) return null;

  return (
    <section data-testid="compare-panel" aria-labelledby="compare-title" className="flex flex-col gap-4">
      <CompareToolbar state={state} />
      {run ? (
        <>
          <div className="flex flex-col items-end gap-1">
            <span className="sr-only">{t('prompt')}</span>
            <p
              data-testid="compare-prompt"
              className="max-w-full whitespace-pre-wrap rounded-2xl bg-brand-50 px-4 py-3 text-zinc-900 dark:bg-brand-700/40 dark:text-zinc-50 sm:max-w-[85%]"
            >
              {messageText(run.prompt)}
            </p>
          </div>
          <CompareColumns
            labels={tabLabels(
              run.columns.map((column, index) => columnName(column, index, run.blind)),
              run.blind,
            )}
          >
            {run.columns.map((column, index) => (
              <RunColumn key={column.chat.id} column={column} index={index} blind={run.blind} />
            ))}
          </CompareColumns>
        </>
      ) : (
        targets && (
          <CompareColumns
            labels={tabLabels(
              targets.map((target) => modelLabel(target.model)),
              false,
            )}
          >
            {targets.map((target, index) => (
              <SetupColumn key={index} index={index as 0 | 1} settings={target} models={models} />
            ))}
          </CompareColumns>
        )
      )}
    </section>
  );
}
