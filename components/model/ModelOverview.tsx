import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { Notice } from '@/components/ui/Notice';
import { NVIDIA_KEY_URL } from '@/lib/shared/model/profile';

const LINKS = {
  llama: 'https://www.llama.com/llama3_1/license/',
  gemma: 'https://ai.google.dev/gemma/terms',
  hf8b: 'https://huggingface.co/tokyotech-llm/Llama-3.1-Swallow-8B-Instruct-v0.1',
  hf70b: 'https://huggingface.co/tokyotech-llm/Llama-3.1-Swallow-70B-Instruct-v0.1',
  site: 'https://swallow-llm.github.io/',
  nvidia: NVIDIA_KEY_URL,
} as const;

const FACTS = ['maker', 'base', 'sizes', 'variants', 'release', 'languages', 'license'] as const;
const linkClass = 'text-brand-600 underline underline-offset-2 dark:text-brand-100';

/** Who made Swallow, what it is, its licences and how it was evaluated: our own summary of the model card. */
export function ModelOverview() {
  const t = useTranslations('model');
  return (
    <>
      <Section id="facts" title={t('facts.heading')}>
        <dl data-testid="model-facts" className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[8rem_1fr]">
          {FACTS.map((fact) => (
            <div key={fact} className="contents">
              <dt className="font-semibold text-zinc-600 dark:text-zinc-300">{t(`facts.${fact}Label`)}</dt>
              <dd className="mb-2 sm:mb-0">{t(`facts.${fact}`)}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section id="about" prose title={t('about.heading')}>
        <p>{t('about.p1')}</p>
        <p>{t('about.p2')}</p>
        <p>{t('about.p3')}</p>
      </Section>

      <Section id="license" prose title={t('license.heading')}>
        <p>{t('license.body')}</p>
        <ul className="list-disc pl-6">
          <li>
            <a href={LINKS.llama} className={linkClass} data-testid="license-llama">
              {t('license.llama')}
            </a>
          </li>
          <li>
            <a href={LINKS.gemma} className={linkClass} data-testid="license-gemma">
              {t('license.gemma')}
            </a>
          </li>
        </ul>
      </Section>

      <Section id="evaluation" prose title={t('evaluation.heading')}>
        <p>{t('evaluation.body')}</p>
        <ul className="flex list-disc flex-col gap-2 pl-6">
          <li>{t('evaluation.ja')}</li>
          <li>{t('evaluation.en')}</li>
          <li>{t('evaluation.mtBench')}</li>
        </ul>
        <Notice tone="warning">{t('evaluation.limits')}</Notice>
      </Section>
    </>
  );
}

export function ModelLinks() {
  const t = useTranslations('model.links');
  return (
    <Section id="links" title={t('heading')}>
      <ul className="list-disc pl-6 leading-relaxed">
        {(['hf8b', 'hf70b', 'site', 'nvidia'] as const).map((key) => (
          <li key={key}>
            <a href={LINKS[key]} className={linkClass}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** A part of the page under its heading; `prose` for running text. */
function Section({ id, title, prose, children }: { id: string; title: string; prose?: boolean; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={prose ? 'flex flex-col gap-3 leading-relaxed' : 'flex flex-col gap-3'}>
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}
