'use client';

import { useId, useState, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { NumberField } from '@/components/settings/NumberField';
import { PARAM_LIMITS } from '@/lib/shared/model/profile';
import {
  fillPromptVariables,
  hasPromptVariables,
  MAX_STARTERS,
  PROMPT_VARIABLES,
  type Preset,
} from '@/lib/shared/presets/preset';
import type { Locale } from '@/lib/shared/i18n/routing';
import { presetSchema } from '@/lib/shared/presets/schema';
import { Button, TOUCH_FIELD } from '@/components/ui/Button';

interface PresetEditorProps {
  initial: Preset;
  isNew: boolean;
  onSave: (preset: Preset) => void;
  onCancel: () => void;
}

type Field = 'name' | 'description' | 'systemPrompt' | 'starters' | 'params';
const fieldClass = `w-full rounded-lg border border-zinc-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500 dark:border-zinc-700 dark:bg-zinc-900 ${TOUCH_FIELD}`;

const asText = (value: Preset['name']) => (typeof value === 'string' ? value : value.ja || value.en);

/** Create or edit one of the user's presets; validated with the same schema as imports. */
export function PresetEditor({ initial, isNew, onSave, onCancel }: PresetEditorProps) {
  const t = useTranslations('presets.editor');
  // The sampling is named as in the settings panel.
  const tSettings = useTranslations('settings');
  const ids = useId();
  const locale = useLocale() as Locale;
  const [name, setName] = useState(asText(initial.name));
  const [description, setDescription] = useState(asText(initial.description));
  const [systemPrompt, setSystemPrompt] = useState(asText(initial.systemPrompt));
  const [params, setParams] = useState(initial.params);
  const [starters, setStarters] = useState(initial.starters.map(asText).join('\n'));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    // A number out of range (its field says which range) is corrected before anything is saved.
    const outOfRange = (e.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>(
      'input[type="number"][aria-invalid="true"]',
    );
    if (outOfRange) return outOfRange.focus();
    const starterList = starters
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const parsed = presetSchema.safeParse({
      id: initial.id,
      name,
      description,
      systemPrompt,
      params,
      starters: starterList,
    });
    if (parsed.success) return onSave(parsed.data);
    const next: Partial<Record<Field, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      next[field] ??=
        field === 'starters' && starterList.length > MAX_STARTERS
          ? t('tooMany')
          : field === 'name' || field === 'systemPrompt'
            ? t('required')
            : t('invalid', { field });
    }
    setErrors(next);
  }

  const described = (field: Field) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${ids}-${field}-error` } : {};
  const errorText = (field: Field) =>
    errors[field] && (
      <p id={`${ids}-${field}-error`} className="text-xs text-red-700 dark:text-red-300">
        {errors[field]}
      </p>
    );

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`} className="font-bold">
        {isNew ? t('createTitle') : t('editTitle')}
      </h3>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-name`} className="text-sm font-medium">
          {t('name')}
        </label>
        <input
          id={`${ids}-name`}
          data-testid="preset-name"
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          className={fieldClass}
          {...described('name')}
        />
        {errorText('name')}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-description`} className="text-sm font-medium">
          {t('description')}
        </label>
        <input
          id={`${ids}-description`}
          data-testid="preset-description"
          value={description}
          maxLength={300}
          onChange={(e) => setDescription(e.target.value)}
          className={fieldClass}
          {...described('description')}
        />
        {errorText('description')}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-prompt`} className="text-sm font-medium">
          {t('systemPrompt')}
        </label>
        <textarea
          id={`${ids}-prompt`}
          data-testid="preset-system-prompt"
          rows={6}
          value={systemPrompt}
          onChange={(e) => setSystemPrompt(e.target.value)}
          className={`${fieldClass} resize-y`}
          {...described('systemPrompt')}
          aria-describedby={[described('systemPrompt')['aria-describedby'], `${ids}-variables`]
            .filter(Boolean)
            .join(' ')}
        />
        {errorText('systemPrompt')}
        <PromptVariables id={`${ids}-variables`} />
        {hasPromptVariables(systemPrompt) && (
          <div className="flex flex-col gap-1">
            <span id={`${ids}-preview`} className="text-xs font-medium text-zinc-600 dark:text-zinc-300">
              {t('preview')}
            </span>
            <output
              aria-labelledby={`${ids}-preview`}
              data-testid="preset-prompt-preview"
              className="whitespace-pre-wrap break-words rounded-lg bg-zinc-100 px-2 py-1.5 text-sm dark:bg-zinc-800"
            >
              {fillPromptVariables(systemPrompt, { now: new Date(), locale })}
            </output>
          </div>
        )}
      </div>
      <fieldset className="flex flex-col gap-2">
        <NumberField
          label={tSettings('temperature')}
          testId="preset-temperature"
          value={params.temperature}
          {...PARAM_LIMITS.temperature}
          onChange={(temperature) => setParams((p) => ({ ...p, temperature }))}
        />
        <NumberField
          label={tSettings('topP')}
          testId="preset-top-p"
          value={params.topP}
          {...PARAM_LIMITS.topP}
          onChange={(topP) => setParams((p) => ({ ...p, topP }))}
        />
        <NumberField
          label={tSettings('maxTokens')}
          testId="preset-max-tokens"
          integer
          value={params.maxTokens}
          {...PARAM_LIMITS.maxTokens}
          onChange={(maxTokens) => setParams((p) => ({ ...p, maxTokens }))}
        />
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-starters`} className="text-sm font-medium">
          {t('starters')}
        </label>
        <textarea
          id={`${ids}-starters`}
          data-testid="preset-starters"
          rows={3}
          value={starters}
          onChange={(e) => setStarters(e.target.value)}
          className={`${fieldClass} resize-y`}
          {...described('starters')}
        />
        {errorText('starters')}
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" data-testid="preset-save">
          {t('save')}
        </Button>
        <Button data-testid="preset-cancel" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}

/** What the prompt's {{variables}} are (lib/shared/presets/preset.ts fills them when a message is sent). */
function PromptVariables({ id }: { id: string }) {
  const t = useTranslations('presets.editor');
  return (
    <div id={id} data-testid="preset-variables" className="text-xs text-zinc-600 dark:text-zinc-300">
      <p className="font-medium">{t('variablesTitle')}</p>
      <ul className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5">
        {PROMPT_VARIABLES.map((name) => (
          <li key={name}>
            <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">{`{{${name}}}`}</code> {t(`variables.${name}`)}
          </li>
        ))}
      </ul>
      <p className="mt-0.5">{t('variablesHint')}</p>
    </div>
  );
}
