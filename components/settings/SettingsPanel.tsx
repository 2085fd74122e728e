'use client';

import { memo, useSyncExternalStore } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { PARAM_LIMITS } from '@/lib/ai/defaults';
import { MAX_SYSTEM_CHARS } from '@/lib/ai/limits';
import { effectiveSystemPrompt } from '@/lib/chat/request-body';
import { defaultSettings, settingsStore } from '@/lib/chat/settings-store';
import type { ChatSettings } from '@/lib/chat/types';
import { profileForModel } from '@/lib/model/profile';
import { resetSystemPrompt } from '@/lib/presets/active';
import { presetStore } from '@/lib/presets/preset-store';
import { NumberField } from './NumberField';

const fieldClass =
  'w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

/** Memoized: ChatApp renders again for every streamed update; the panel only follows its stores. */
export const SettingsPanel = memo(function SettingsPanel({ models }: { models: string[] }) {
  const t = useTranslations('settings');
  const locale = useLocale();
  const settings = useSyncExternalStore(settingsStore.subscribe, settingsStore.get, () => defaultSettings(models));
  const update = (patch: Partial<ChatSettings>) => settingsStore.set((previous) => ({ ...previous, ...patch }));
  const profile = profileForModel(settings.model);
  // Another model keeps the sampling chosen, but max tokens within its window.
  const selectModel = (model: string) =>
    settingsStore.set((previous) => ({
      ...previous,
      model,
      maxTokens: Math.min(previous.maxTokens, profileForModel(model).maxTokensLimit),
    }));
  const { temperature, topP, maxTokens } = profile.recommended;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <label htmlFor="model-select" className="text-sm font-medium">
          {t('model')}
        </label>
        <select
          id="model-select"
          data-testid="model-select"
          value={settings.model}
          onChange={(e) => selectModel(e.target.value)}
          className={fieldClass}
        >
          {models.map((id) => (
            <option key={id} value={id}>
              {profileForModel(id).label}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="flex flex-col gap-2">
        <NumberField
          label={t('temperature')}
          testId="param-temperature"
          value={settings.temperature}
          {...PARAM_LIMITS.temperature}
          onChange={(temperature) => update({ temperature })}
        />
        <NumberField
          label={t('topP')}
          testId="param-top-p"
          value={settings.topP}
          {...PARAM_LIMITS.topP}
          onChange={(topP) => update({ topP })}
        />
        <NumberField
          label={t('maxTokens')}
          testId="param-max-tokens"
          integer
          value={settings.maxTokens}
          {...PARAM_LIMITS.maxTokens}
          max={profile.maxTokensLimit}
          onChange={(maxTokens) => update({ maxTokens })}
        />
        <p data-testid="model-defaults" className="text-xs text-zinc-500 dark:text-zinc-400">
          {t(profile.known ? 'defaultsNote' : 'defaultsNoteUnknown', {
            model: profile.label,
            temperature,
            topP,
            maxTokens,
            contextTokens: profile.contextTokens,
          })}
        </p>
        <button
          type="button"
          data-testid="reset-params"
          onClick={() => update({ ...profile.recommended })}
          className="self-start text-xs text-brand-600 underline dark:text-brand-100"
        >
          {t('resetParams')}
        </button>
      </fieldset>

      <div className="flex flex-col gap-1">
        <label htmlFor="system-prompt" className="text-sm font-medium">
          {t('systemPrompt')}
        </label>
        <p id="system-prompt-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('systemPromptHint')}
        </p>
        <textarea
          id="system-prompt"
          data-testid="system-prompt"
          aria-describedby="system-prompt-hint"
          rows={6}
          maxLength={MAX_SYSTEM_CHARS}
          value={effectiveSystemPrompt(settings, locale)}
          onChange={(e) => update({ systemPrompt: e.target.value })}
          className={`${fieldClass} resize-y`}
        />
        {settings.systemPrompt !== null && (
          <button
            type="button"
            onClick={() => settingsStore.set(resetSystemPrompt(settings, presetStore.get().presets, locale))}
            className="self-start text-xs text-brand-600 underline dark:text-brand-100"
          >
            {t('resetSystemPrompt')}
          </button>
        )}
      </div>
    </div>
  );
});
