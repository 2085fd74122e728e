import { useTranslations } from 'next-intl';
import { Notice } from '@/components/ui/Notice';
import { NVIDIA_KEY_URL } from '@/lib/shared/model/profile';

export function NotConfiguredNotice({ id }: { id: string }) {
  const t = useTranslations('notConfigured');
  const code = (chunks: React.ReactNode) => (
    <code className="rounded bg-amber-100 px-1 font-mono dark:bg-amber-900">{chunks}</code>
  );
  return (
    <Notice
      as="section"
      tone="warning"
      size="lg"
      id={id}
      data-testid="not-configured"
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-2"
    >
      <h2 id={`${id}-title`} className="font-bold">
        {t('title')}
      </h2>
      <p>{t('body')}</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          {t.rich('nvidia', {
            code,
            link: (chunks) => (
              <a href={NVIDIA_KEY_URL} className="underline" target="_blank" rel="noopener noreferrer">
                {chunks}
              </a>
            ),
          })}
        </li>
        <li>{t.rich('custom', { code })}</li>
      </ul>
      <p>{t('sendDisabled')}</p>
    </Notice>
  );
}
