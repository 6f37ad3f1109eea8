import path from 'node:path';
import express, { Router, type Response } from 'express';
import type { Services } from '../graphql/services';
import type { Logger } from '../logger';
import { renderShell, type ShellPage } from './shell';

/** Where `npm run build` writes the client bundle (scripts/build-web.ts): the same folder from src/ and dist/. */
export const WEB_ASSETS_DIR = path.resolve(__dirname, '..', '..', 'dist', 'public');

// The pages load only their own bundle and talk only to this server (the API and its WebSocket).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // uPlot sizes its canvas and legend through style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Exists = (services: Services, slug: string) => Promise<unknown>;

const PAGES: { path: string; page: ShellPage; exists: Exists }[] = [
  { path: '/partnerships/:slug', page: 'partnership', exists: (services, slug) => services.partnerships.findBySlug(slug) },
  { path: '/commitments/:slug', page: 'commitment', exists: (services, slug) => services.commitments.findBySlug(slug) },
  { path: '/documents/:slug', page: 'document', exists: (services, slug) => services.sourceDocuments.findBySlug(slug) },
];

function sendShell(res: Response, page: ShellPage, status = 200) {
  res
    .status(status)
    .set({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY, 'cache-control': 'no-cache' })
    .send(renderShell(page));
}

/**
 * The dashboard: the shell of each page (404 for an unknown slug, checked before the client asks the API) and
 * the client bundle under /assets/. The data itself comes from the public GraphQL API, as for any client.
 */
export function webRoutes(services: Services, assetsDir = WEB_ASSETS_DIR): Router {
  const router = Router();
  router.use('/assets', express.static(assetsDir, { index: false, fallthrough: false, maxAge: 0 }));
  router.get('/', (_req, res) => sendShell(res, 'overview'));
  for (const { path: route, page, exists } of PAGES) {
    router.get(route, async (req, res) => {
      const slug = req.params.slug;
      let found: unknown;
      try {
        found = typeof slug === 'string' && (await exists(services, slug));
      } catch (error) {
        // The database is away: the page still loads, and its own request to the API says so with a retry.
        (res.locals.logger as Logger | undefined)?.error({ err: error, page }, 'dashboard page: could not check that the slug exists');
        return sendShell(res, page, 503);
      }
      if (!found) return sendShell(res, 'not-found', 404);
      sendShell(res, page);
    });
  }
  return router;
}
