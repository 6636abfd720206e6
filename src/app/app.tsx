import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ComponentProps } from 'react';
import type { PortalConfig } from '../../protocol/schemas';
import { I18nProvider } from '../i18n/i18n-provider';
import type { Locale } from '../i18n/locales';
import { createQueryClient } from './create-query-client';
import type { EmbedUploadPage } from './embed-upload-page';
import { ErrorBoundary } from './error-boundary';
import { LandingPage } from './landing-page';
import { embedUploadPage } from './lazy-modules';
import { NotFoundPage } from './not-found-page';
import { PageShell } from './page-shell';
import type { Route } from './parse-route';
import { usePreloaded } from './preloadable';
import { UploadPage } from './upload-page';

// The owner's page is never shipped to contributors: it loads only on /admin.
const AdminPage = lazy(() =>
  import('../features/admin/admin-page').then((m) => ({ default: m.AdminPage })),
);

// The embed bridge is needed only inside a host's iframe (main.tsx starts loading it early).
function LazyEmbedUploadPage(props: ComponentProps<typeof EmbedUploadPage>) {
  const { EmbedUploadPage } = usePreloaded(embedUploadPage);
  return <EmbedUploadPage {...props} />;
}

function RoutePage({ route, config }: { route: Route; config: PortalConfig }) {
  switch (route.page) {
    case 'landing':
      return <LandingPage />;
    case 'upload':
      return route.compact ? (
        <Suspense fallback={null}>
          <LazyEmbedUploadPage token={route.token} config={config} />
        </Suspense>
      ) : (
        <UploadPage token={route.token} config={config} />
      );
    case 'admin':
      return (
        <Suspense fallback={null}>
          <AdminPage config={config} />
        </Suspense>
      );
    case 'not-found':
      return <NotFoundPage />;
  }
}

export function App({
  config,
  route,
  initialLocale,
}: {
  config: PortalConfig;
  route: Route;
  initialLocale: Locale;
}) {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider initialLocale={initialLocale}>
      <QueryClientProvider client={queryClient}>
        <PageShell compact={route.page === 'upload' && route.compact}>
          <ErrorBoundary>
            <RoutePage route={route} config={config} />
          </ErrorBoundary>
        </PageShell>
      </QueryClientProvider>
    </I18nProvider>
  );
}
