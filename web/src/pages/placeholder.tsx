// A module that is not built yet: a short, tidy "under construction" panel.
import { PageHeader, useTitle } from '../components/common';
import { t, type MessageKey } from '../i18n';

export function PlaceholderPage({ module, text }: { module: MessageKey; text: MessageKey }) {
  const name = t(module);
  useTitle(name);
  return (
    <section class="page">
      <PageHeader title={name} />
      <div class="panel panel--wip">
        <h2>{t('wip.title')}</h2>
        <p>{t('wip.text', { module: name })}</p>
        <p class="muted">{t(text)}</p>
      </div>
    </section>
  );
}
