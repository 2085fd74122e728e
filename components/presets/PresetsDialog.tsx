'use client';

import { useState, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { downloadTextFile } from '@/lib/client/browser/download';
import { startNewChat, settingsStore } from '@/lib/client/chat/chat-session';
import { applyPreset, duplicatePreset, newPresetId } from '@/lib/client/presets/active';
import { BUILTIN_PRESETS, localizePreset, type Preset } from '@/lib/shared/presets/preset';
import { addPreset, deletePreset, presetStore, restorePreset, updatePreset } from '@/lib/client/presets/preset-store';
import { exportPresetFile } from '@/lib/client/presets/transfer';
import { matchesSearch } from '@/lib/client/search/normalize';
import { PresetEditor } from './PresetEditor';
import { PresetImport } from './PresetImport';
import { PresetItem } from './PresetItem';
import { SearchField } from '@/components/ui/SearchField';
import { Button } from '@/components/ui/Button';
import { Dialog, type DialogOwnerProps } from '@/components/ui/Dialog';
import { Notice, UndoNotice, type UndoableNote } from '@/components/ui/Notice';

/** The presets panel: a modal side panel (a bottom sheet on phones), components/ui/Dialog. */
export function PresetsDialog({ open, onClose }: DialogOwnerProps) {
  const t = useTranslations('presets');
  const locale = useLocale();
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
  const [notice, setNotice] = useState<UndoableNote | null>(null);

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
    <Dialog
      open={open}
      onClose={onClose}
      title={t('title')}
      closeLabel={t('close')}
      closeTestId="presets-close"
      layout="sheet"
      data-testid="presets-panel"
    >
      {!writable && <Notice tone="warning">{t('readOnly')}</Notice>}
      <UndoNotice note={notice} testId="presets-notice" undoTestId="preset-undo" undoLabel={t('undo')} />

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
            <Button data-testid="preset-new" onClick={startNew}>
              {t('new')}
            </Button>
            <Button
              data-testid="preset-export"
              disabled={userPresets.length === 0}
              onClick={() =>
                downloadTextFile(
                  `swallow-chat-presets-${new Date().toISOString().slice(0, 10)}.json`,
                  exportPresetFile(userPresets),
                )
              }
            >
              {t('export')}
            </Button>
            <PresetImport size="sm" onImported={(text) => setNotice(text ? { text } : null)} />
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
    </Dialog>
  );
}
