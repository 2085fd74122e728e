import { getTranslations, setRequestLocale } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { Button } from '@/components/ui/Button';
import { connection } from 'next/server';
import { safeNextPath } from '@/lib/server/security/gate';
import { resolveSecurityConfig } from '@/lib/server/security/limits';
import type { Locale } from '@/lib/shared/i18n/routing';

interface UnlockPageProps {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The access-code screen of a private deployment (ACCESS_CODE). A plain form: no script needed. */
export default async function UnlockPage({ params, searchParams }: UnlockPageProps) {
  const { locale } = await params;
  setRequestLocale(locale as Locale);
  await connection();
  const query = await searchParams;
  const next = safeNextPath(one(query.next), `/${locale}`);
  if (resolveSecurityConfig().accessCodes.length === 0) redirect(next);

  const t = await getTranslations('unlock');
  const error = one(query.error);
  const wait = Math.max(1, Number(one(query.wait)) || 1);
  // Waits run from seconds to an hour (under a guessing attack): minutes from two minutes on.
  const tooMany = () =>
    wait >= 120 ? t('tooManyMinutes', { minutes: Math.ceil(wait / 60) }) : t('tooMany', { seconds: wait });
  const message = error === 'wrong' ? t('wrong') : error === 'too_many' ? tooMany() : null;

  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 px-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('description')}</p>
      <form method="post" action="/api/unlock" className="flex flex-col gap-3">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="next" value={next} />
        <label htmlFor="access-code" className="text-sm font-medium">
          {t('label')}
        </label>
        <input
          id="access-code"
          name="code"
          type="password"
          required
          autoFocus
          autoComplete="current-password"
          data-testid="unlock-code"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'unlock-error' : undefined}
          className="rounded-lg border border-zinc-300 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
        />
        {message && (
          <p
            id="unlock-error"
            role="alert"
            data-testid="unlock-error"
            data-reason={error}
            className="text-sm text-red-700 dark:text-red-300"
          >
            {message}
          </p>
        )}
        <Button type="submit" variant="primary" size="lg" data-testid="unlock-submit">
          {t('submit')}
        </Button>
      </form>
    </main>
  );
}
