'use client';

import { useState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { LongText } from '@/components/markdown/LongMarkdown';
import { Button, buttonClass } from '@/components/ui/Button';
import { LocaleSwitcher } from '@/components/ui/LocaleSwitcher';
import type { PublicConfig } from '@/lib/server/ai/upstream';
import { modelLabel, findProfile, profileForModel, setModelProfiles } from '@/lib/shared/model/profile';
import { draftStore, getChat, startNewChat, hydrateSettings, settingsStore } from '@/lib/client/chat/chat-session';
import { initHistory } from '@/lib/client/chat/history';
import { Link, useRouter } from '@/lib/shared/i18n/navigation';
import { newPresetId } from '@/lib/client/presets/active';
import { addPreset, hydratePresets } from '@/lib/client/presets/preset-store';
import { withCompareSession } from '@/lib/client/compare/compare-loader';
import { loadSharePayload } from '@/lib/client/share/link';
import { shareNoticeStore } from '@/lib/client/share/notice-store';
import type { SharePayload } from '@/lib/shared/share/payload';

const sectionClass = 'flex flex-col gap-1 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800';

/** What a share link carries, shown before anything is loaded; nothing is sent by itself. */
export function SharePreview({ payload, config }: { payload: SharePayload; config: PublicConfig }) {
  const t = useTranslations('share');
  const tChat = useTranslations('chat');
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const name = payload.name ?? t('untitled');

  function load() {
    setModelProfiles(config.profiles);
    hydrateSettings(config.models);
    const loaded = loadSharePayload(payload, config.models);
    // History follows the new chat from its first message: a shared conversation is in the list
    // at once, not only after the next message is sent.
    initHistory();
    startNewChat();
    settingsStore.set(loaded.settings);
    getChat().messages = loaded.messages;
    draftStore.set(loaded.draft);
    shareNoticeStore.set(
      loaded.modelReplaced
        ? { model: payload.model ?? '', fallback: profileForModel(loaded.settings.model).label }
        : null,
    );
    const { compare } = loaded;
    if (compare) withCompareSession((session) => session.openCompareWith(compare.targets, compare.blind));
    router.push('/');
  }

  function saveAsPreset() {
    hydratePresets();
    addPreset({
      id: newPresetId(),
      name,
      description: '',
      systemPrompt: payload.systemPrompt,
      params: payload.params,
      starters: [],
    });
    setSaved(t('savedAsPreset', { name }));
  }

  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-6 px-4 py-6">
      <header className="flex items-center justify-between gap-2">
        <Link href="/" className="shrink-0 whitespace-nowrap font-bold">
          Swallow Chat
        </Link>
        <LocaleSwitcher />
      </header>
      <main data-testid="share-preview" className="flex flex-col gap-4">
        <h1 className="text-2xl font-bold">{name}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t('previewIntro')}</p>
        <PreviewSection id="shared-prompt" title={t('systemPrompt')}>
          <p data-testid="share-preview-system" className="whitespace-pre-wrap text-sm">
            {payload.systemPrompt}
          </p>
        </PreviewSection>
        <PreviewSection id="shared-params" title={t('params')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 text-sm">
            {payload.model && (
              <>
                <dt>{t('model')}</dt>
                <dd data-testid="share-preview-model">
                  {findProfile(config.profiles, payload.model)?.label ?? modelLabel(payload.model)}
                </dd>
              </>
            )}
            <dt>temperature</dt>
            <dd>{payload.params.temperature}</dd>
            <dt>top_p</dt>
            <dd>{payload.params.topP}</dd>
            <dt>max_tokens</dt>
            <dd>{payload.params.maxTokens}</dd>
          </dl>
        </PreviewSection>
        {payload.compare && (
          <PreviewSection id="shared-compare" testId="share-preview-compare" title={t('comparison')}>
            <ol className="grid gap-2 text-sm sm:grid-cols-2">
              {payload.compare.targets.map((target, index) => (
                <li key={index} className="flex flex-col gap-1">
                  <span className="font-medium">{modelLabel(target.model)}</span>
                  <span className="text-xs text-zinc-600 dark:text-zinc-300">
                    temperature {target.params.temperature} · top_p {target.params.topP} · max_tokens{' '}
                    {target.params.maxTokens}
                  </span>
                  <span className="whitespace-pre-wrap text-xs">{target.systemPrompt}</span>
                </li>
              ))}
            </ol>
            {payload.compare.blind && <p className="text-xs">{t('comparisonBlind')}</p>}
          </PreviewSection>
        )}
        {payload.draft && (
          <PreviewSection id="shared-draft" title={t('draft')}>
            <p data-testid="share-preview-draft" className="whitespace-pre-wrap text-sm">
              {payload.draft}
            </p>
          </PreviewSection>
        )}
        {payload.messages && payload.messages.length > 0 && (
          <PreviewSection id="shared-conversation" title={t('conversation', { count: payload.messages.length })}>
            {/* Each turn names its speaker in words (no emoji: read aloud, and shown without an emoji font). */}
            <ol className="flex flex-col gap-3 text-sm">
              {payload.messages.map((m, index) => (
                <li
                  key={index}
                  data-testid="share-preview-message"
                  data-role={m.role}
                  className="flex flex-col gap-0.5"
                >
                  <span className="text-xs font-bold text-zinc-600 dark:text-zinc-300">
                    {m.role === 'user' ? tChat('you') : tChat('assistant')}
                  </span>
                  {/* Up to 32,000 characters a turn: laid out in parts as they come on screen. */}
                  <div className="whitespace-pre-wrap">
                    <LongText text={m.content} />
                  </div>
                </li>
              ))}
            </ol>
          </PreviewSection>
        )}
        <div className="flex flex-wrap gap-2">
          <Button variant="primary" size="lg" data-testid="share-load" onClick={load}>
            {t('load')}
          </Button>
          <Button size="lg" data-testid="share-save-preset" onClick={saveAsPreset} disabled={saved !== null}>
            {t('saveAsPreset')}
          </Button>
          <Link href="/" className={buttonClass('link', 'sm', 'px-2')}>
            {t('backToChat')}
          </Link>
        </div>
        <p role="status" className="text-sm">
          {saved}
        </p>
      </main>
    </div>
  );
}

/** A part of the shared setup, under its heading. */
function PreviewSection({
  id,
  testId,
  title,
  children,
}: {
  id: string;
  testId?: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section data-testid={testId} className={sectionClass} aria-labelledby={id}>
      <h2 id={id} className="text-sm font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}
