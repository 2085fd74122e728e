'use client';

import { useId } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import {
  PARAM_LIMITS,
  DEFAULT_REASONING_EFFORT,
  profileForModel,
  REASONING_EFFORTS,
  MAX_SYSTEM_CHARS,
} from '@/lib/shared/model/profile';
import { effectiveSystemPrompt } from '@/lib/client/chat/chat-session';
import type { ChatSettings } from '@/lib/client/chat/types';
import { formatInteger } from '@/lib/client/i18n/format-integer';
import { resetSystemPrompt } from '@/lib/client/presets/active';
import { presetStore } from '@/lib/client/presets/preset-store';
import { NumberField } from './NumberField';
import { Button, TOUCH_FIELD } from '@/components/ui/Button';

export const fieldClass = `w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${TOUCH_FIELD}`;
/** A link-like action under a field ("Reset to recommended"): a 44 px target on phones all the same. */

interface SettingsFieldsProps {
  models: string[];
  settings: ChatSettings;
  onChange: (next: ChatSettings) => void;
  /** Prefixed to every test id ("" in the settings panel, "compare-" in a comparison's column). */
  testIdPrefix?: string;
  /** Rows shown between the model and the sampling (a column's preset picker). */
  children?: React.ReactNode;
}

/** Model, sampling and system prompt of one set of settings: the settings panel's and each compare column's. */
export function SettingsFields({ models, settings, onChange, testIdPrefix = '', children }: SettingsFieldsProps) {
  const t = useTranslations('settings');
  const locale = useLocale();
  const id = useId();
  const update = (patch: Partial<ChatSettings>) => onChange({ ...settings, ...patch });
  const profile = profileForModel(settings.model);
  // Another model keeps the sampling chosen, but max tokens within its window.
  const selectModel = (model: string) =>
    update({ model, maxTokens: Math.min(settings.maxTokens, profileForModel(model).maxTokensLimit) });
  const { temperature, topP, maxTokens } = profile.recommended;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-model`} className="text-sm font-medium">
          {t('model')}
        </label>
        <select
          id={`${id}-model`}
          data-testid={`${testIdPrefix}model-select`}
          value={settings.model}
          onChange={(e) => selectModel(e.target.value)}
          className={fieldClass}
        >
          {models.map((model) => (
            <option key={model} value={model}>
              {profileForModel(model).label}
            </option>
          ))}
        </select>
      </div>
      {profile.reasoningControl === 'effort' && (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-effort`} className="text-sm font-medium">
            {t('reasoningEffort')}
          </label>
          <select
            id={`${id}-effort`}
            data-testid={`${testIdPrefix}reasoning-effort`}
            aria-describedby={`${id}-effort-hint`}
            value={settings.reasoningEffort ?? DEFAULT_REASONING_EFFORT}
            onChange={(e) => update({ reasoningEffort: e.target.value as (typeof REASONING_EFFORTS)[number] })}
            className={fieldClass}
          >
            {REASONING_EFFORTS.map((effort) => (
              <option key={effort} value={effort}>
                {t(`reasoningEffortOptions.${effort}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-effort-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
            {t('reasoningEffortHint')}
          </p>
        </div>
      )}
      {profile.reasoningControl === 'think' && (
        // The whole row is the target: 44 px high on touch widths.
        <label className="flex items-start gap-2 max-sm:min-h-11">
          <input
            type="checkbox"
            role="switch"
            data-testid={`${testIdPrefix}reasoning-think`}
            aria-describedby={`${id}-think-hint`}
            checked={settings.thinking ?? true}
            onChange={(e) => update({ thinking: e.target.checked })}
            className="mt-0.5 size-4 shrink-0 accent-brand-600 max-sm:size-5"
          />
          <span className="flex flex-col gap-0.5">
            <span className="text-sm font-medium">{t('thinking')}</span>
            <span id={`${id}-think-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('thinkingHint')}
            </span>
          </span>
        </label>
      )}
      {children}

      <fieldset className="flex flex-col gap-2">
        <NumberField
          label={t('temperature')}
          testId={`${testIdPrefix}param-temperature`}
          value={settings.temperature}
          {...PARAM_LIMITS.temperature}
          onChange={(temperature) => update({ temperature })}
        />
        <NumberField
          label={t('topP')}
          testId={`${testIdPrefix}param-top-p`}
          value={settings.topP}
          {...PARAM_LIMITS.topP}
          onChange={(topP) => update({ topP })}
        />
        <NumberField
          label={t('maxTokens')}
          testId={`${testIdPrefix}param-max-tokens`}
          integer
          value={settings.maxTokens}
          {...PARAM_LIMITS.maxTokens}
          max={profile.maxTokensLimit}
          onChange={(maxTokens) => update({ maxTokens })}
        />
        <p data-testid={`${testIdPrefix}model-defaults`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {t(profile.known ? 'defaultsNote' : 'defaultsNoteUnknown', {
            model: profile.label,
            temperature,
            topP,
            // Grouped without Intl (lib/client/i18n/format-integer.ts): no ICU set-up while the page hydrates.
            maxTokens: formatInteger(maxTokens, locale),
            contextTokens: formatInteger(profile.contextTokens, locale),
          })}
        </p>
        <Button
          variant="link"
          size="xs"
          data-testid={`${testIdPrefix}reset-params`}
          onClick={() => update({ ...profile.recommended })}
          className="self-start"
        >
          {t('resetParams')}
        </Button>
      </fieldset>

      <div className="flex flex-col gap-1">
        <label htmlFor={`${id}-system`} className="text-sm font-medium">
          {t('systemPrompt')}
        </label>
        <p id={`${id}-system-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('systemPromptHint')}
        </p>
        <textarea
          id={`${id}-system`}
          data-testid={`${testIdPrefix}system-prompt`}
          aria-describedby={`${id}-system-hint`}
          rows={6}
          maxLength={MAX_SYSTEM_CHARS}
          value={effectiveSystemPrompt(settings, locale)}
          onChange={(e) => update({ systemPrompt: e.target.value })}
          className={`${fieldClass} resize-y`}
        />
        {settings.systemPrompt !== null && (
          <Button
            variant="link"
            size="xs"
            onClick={() => onChange(resetSystemPrompt(settings, presetStore.get().presets, locale))}
            className="self-start"
          >
            {t('resetSystemPrompt')}
          </Button>
        )}
      </div>
    </div>
  );
}
