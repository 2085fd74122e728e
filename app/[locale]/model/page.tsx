import type { Metadata } from 'next';
import { hasLocale, NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations, setRequestLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { BenchmarkSuite } from '@/components/model/BenchmarkSuite';
import { ModelLinks, ModelOverview } from '@/components/model/ModelOverview';
import { ArrowLeft } from 'lucide-react';
import { LocaleSwitcher } from '@/components/ui/LocaleSwitcher';
import { ICON_PROPS } from '@/components/ui/Button';
import { Link } from '@/lib/shared/i18n/navigation';
import { MODEL_CHART_NAMESPACES, pickMessages } from '@/lib/server/i18n/client-messages';
import { routing } from '@/lib/shared/i18n/routing';
import { defaultOpenGraph } from '@/lib/server/meta/site';
import { SUITES } from '@/lib/server/model/data';

interface ModelPageProps {
  params: Promise<{ locale: string }>;
}

export async function generateMetadata({ params }: ModelPageProps): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: 'model.meta' });
  return {
    title: t('title'),
    description: t('description'),
    alternates: { canonical: `/${locale}/model`, languages: { ja: '/ja/model', en: '/en/model' } },
    openGraph: { ...defaultOpenGraph(locale), title: t('title'), description: t('description'), type: 'article' },
  };
}

/** The benchmark data is imported at build time; the page still renders per request. */
export default async function ModelPage({ params }: ModelPageProps) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  // Per request, not prerendered: the nonce CSP (proxy.ts) blocks the scripts of a static page.
  await connection();
  const t = await getTranslations('model');
  // The charts are client components: their labels are not in the layout's provider.
  const chartMessages = pickMessages(await getMessages(), MODEL_CHART_NAMESPACES);

  return (
    <div className="min-h-dvh">
      {/* One row at every width: the way back (an arrow on phones, named by its label), the name, the language. */}
      <header
        data-testid="model-header"
        className="flex min-h-14 items-center gap-2 border-b border-zinc-200 px-2 dark:border-zinc-800 sm:gap-3 sm:px-4"
      >
        <Link
          href="/"
          aria-label={t('backToChat')}
          title={t('backToChat')}
          className="inline-flex h-11 min-w-11 shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-lg px-2.5 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 lg:h-9 lg:border lg:border-zinc-300 lg:px-3 lg:dark:border-zinc-700 pointer-coarse:h-11"
        >
          <ArrowLeft {...ICON_PROPS} />
          <span className="max-sm:sr-only">{t('backToChat')}</span>
        </Link>
        <span className="shrink-0 whitespace-nowrap text-base font-bold">Swallow Chat</span>
        <div className="ml-auto">
          <LocaleSwitcher />
        </div>
      </header>
      <main className="mx-auto flex max-w-4xl flex-col gap-10 px-4 py-8">
        <div className="flex flex-col gap-2">
          <h1 className="text-3xl font-bold">{t('title')}</h1>
          <p className="text-lg text-zinc-700 dark:text-zinc-200">{t('lead')}</p>
        </div>
        <ModelOverview />
        <section aria-labelledby="benchmarks" className="flex flex-col gap-6">
          <div className="flex flex-col gap-2">
            <h2 id="benchmarks" className="text-xl font-bold">
              {t('charts.heading')}
            </h2>
            <p className="leading-relaxed">{t('charts.intro')}</p>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('charts.source')}</p>
          </div>
          <NextIntlClientProvider messages={chartMessages}>
            {SUITES.map((suite) => (
              <BenchmarkSuite key={suite.id} suite={suite} />
            ))}
          </NextIntlClientProvider>
        </section>
        <ModelLinks />
      </main>
    </div>
  );
}
