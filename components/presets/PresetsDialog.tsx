'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { downloadTextFile } from '@/lib/client/browser/download';
import { startNewChat } from '@/lib/client/chat/chat-session';
import { settingsStore } from '@/lib/client/chat/settings-store';
import { applyPreset, duplicatePreset, newPresetId } from '@/lib/client/presets/active';
import { BUILTIN_PRESETS } from '@/lib/client/presets/builtin';
import { addPreset, deletePreset, presetStore, restorePreset, updatePreset } from '@/lib/client/presets/preset-store';
import { localizePreset, type Preset } from '@/lib/shared/presets/preset';
import { exportPresetFile } from '@/lib/client/presets/transfer';
import { matchesSearch } from '@/lib/client/search/normalize';
import { PresetEditor } from './PresetEditor';
import { PresetImport } from './PresetImport';
import { PresetItem } from './PresetItem';
import { SearchField } from '@/components/ui/SearchField';
import { TOUCH_TARGET } from '@/components/ui/touch';

interface PresetsDialogProps {
  open: boolean;
  onClose: () => void;
}

type Notice = { text: string; undo?: () => void };
const toolClass = `rounded-lg border border-zinc-300 px-2 py-1 text-sm hover:bg-zinc-100 disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800 ${TOUCH_TARGET}`;

/**
 * The presets panel: a modal side panel (a bottom sheet on phones) built on <dialog>, which traps
 * focus and closes on Escape.
 */
export function PresetsDialog({ open, onClose }: PresetsDialogProps) {
  const t = useTranslations('presets');
  const locale = useLocale();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { presets: userPresets, writable } = useSyncExternalStore(
    presetStore.subscribe,
    presetStore.get,
    presetStore.get,
  );
  const activeId = useSyncExternalStore(
    settingsStore.subscribe,
    () => settingsStore.get().presetId,
    () => null,
  );
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<{ preset: Preset; isNew: boolean } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const matches = (preset: Preset) => {
    const local = localizePreset(preset, locale);
    return matchesSearch(query, [local.name, local.description, local.systemPrompt]);
  };
  const builtins = BUILTIN_PRESETS.filter(matches);
  const mine = userPresets.filter(matches);

  function apply(preset: Preset, inNewChat: boolean) {
    if (inNewChat) startNewChat();
    settingsStore.set((settings) => applyPreset(settings, preset, locale));
    onClose();
  }

  function duplicate(preset: Preset) {
    const copy = addPreset(duplicatePreset(preset, locale, t('copySuffix'), newPresetId()));
    setEditing({ preset: copy, isNew: false });
  }

  function remove(preset: Preset) {
    const removed = deletePreset(preset.id);
    if (!removed) return;
    const name = localizePreset(preset, locale).name;
    setNotice({
      text: t('deleted', { name }),
      undo: () => {
        restorePreset(removed);
        setNotice({ text: t('restored', { name }) });
      },
    });
  }

  function save(preset: Preset) {
    if (editing?.isNew) addPreset(preset);
    else updatePreset(preset);
    setEditing(null);
  }

  function startNew() {
    const settings = settingsStore.get();
    setEditing({
      isNew: true,
      preset: {
        id: newPresetId(),
        name: '',
        description: '',
        systemPrompt: settings.systemPrompt ?? '',
        params: { temperature: settings.temperature, topP: settings.topP, maxTokens: settings.maxTokens },
        starters: [],
      },
    });
  }

  const itemProps = (preset: Preset) => ({
    preset: localizePreset(preset, locale),
    active: preset.id === activeId,
    onApply: () => apply(preset, false),
    onApplyNewChat: () => apply(preset, true),
    onDuplicate: () => duplicate(preset),
  });

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="presets-title"
      data-testid="presets-panel"
      onClose={onClose}
      className="fixed inset-x-0 bottom-0 top-auto m-0 max-h-[85dvh] w-full max-w-none overflow-y-auto rounded-t-2xl bg-white p-0 text-zinc-900 backdrop:bg-black/40 sm:inset-y-0 sm:left-auto sm:right-0 sm:h-dvh sm:max-h-dvh sm:max-w-md sm:rounded-none dark:bg-zinc-950 dark:text-zinc-100"
    >
      <div className="flex flex-col gap-4 p-4">
        <div className="flex items-center justify-between">
          <h2 id="presets-title" className="text-lg font-bold">
            {t('title')}
          </h2>
          <button type="button" data-testid="presets-close" onClick={onClose} className={toolClass}>
            {t('close')}
          </button>
        </div>

        {!writable && <p className="text-sm text-amber-800 dark:text-amber-200">{t('readOnly')}</p>}
        <div role="status" aria-live="polite" className="empty:hidden">
          {notice && (
            <p
              data-testid="presets-notice"
              className="flex items-center gap-2 rounded-lg bg-zinc-100 px-3 py-2 text-sm dark:bg-zinc-800"
            >
              <span>{notice.text}</span>
              {notice.undo && (
                <button
                  type="button"
                  data-testid="preset-undo"
                  onClick={notice.undo}
                  className={`font-medium text-brand-600 underline dark:text-brand-100 ${TOUCH_TARGET}`}
                >
                  {t('undo')}
                </button>
              )}
            </p>
          )}
        </div>

        {editing ? (
          <PresetEditor
            key={editing.preset.id}
            initial={editing.preset}
            isNew={editing.isNew}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <>
            <div className="flex flex-wrap gap-2">
              <button type="button" data-testid="preset-new" onClick={startNew} className={toolClass}>
                {t('new')}
              </button>
              <button
                type="button"
                data-testid="preset-export"
                disabled={userPresets.length === 0}
                onClick={() =>
                  downloadTextFile(
                    `swallow-chat-presets-${new Date().toISOString().slice(0, 10)}.json`,
                    exportPresetFile(userPresets),
                  )
                }
                className={toolClass}
              >
                {t('export')}
              </button>
              <PresetImport className={toolClass} onImported={(text) => setNotice(text ? { text } : null)} />
            </div>
            <div className="flex flex-col gap-1">
              <SearchField
                id="presets-search"
                testId="presets-search"
                label={t('search')}
                placeholder={t('searchPlaceholder')}
                value={query}
                onChange={setQuery}
              />
            </div>
            {query && builtins.length + mine.length === 0 && <p className="text-sm">{t('noResults', { query })}</p>}

            <section aria-labelledby="presets-user" className="flex flex-col gap-2">
              <h3 id="presets-user" className="text-sm font-bold">
                {t('userSection')}
              </h3>
              {userPresets.length === 0 && <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('userEmpty')}</p>}
              <ul data-testid="user-presets" className="flex flex-col gap-2">
                {mine.map((preset) => (
                  <PresetItem
                    key={preset.id}
                    builtin={false}
                    {...itemProps(preset)}
                    onEdit={() => setEditing({ preset, isNew: false })}
                    onDelete={() => remove(preset)}
                  />
                ))}
              </ul>
            </section>
            <section aria-labelledby="presets-builtin" className="flex flex-col gap-2">
              <h3 id="presets-builtin" className="text-sm font-bold">
                {t('builtinSection')}
              </h3>
              <ul className="flex flex-col gap-2">
                {builtins.map((preset) => (
                  <PresetItem key={preset.id} builtin {...itemProps(preset)} />
                ))}
              </ul>
            </section>
          </>
        )}
      </div>
    </dialog>
  );
}
