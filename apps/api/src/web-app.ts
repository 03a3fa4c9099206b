import type { AppConfig } from '@app/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The pages of the web app; any other path is the api's (GraphQL, HSDS, GeoJSON, CSV…). */
const PAGES = /^\/(?:$|login$|help$|resources\/[^/]+$|console(?:\/|$)|host(?:\/|$))/;

/** Where `npm run build` put the web app: beside the compiled api, or under the working folder. */
export function webAppFolder(): string | null {
  const candidates = [resolve(__dirname, '../../../web'), resolve(process.cwd(), 'dist/web')];
  return candidates.find((folder) => existsSync(join(folder, 'index.html'))) ?? null;
}

/**
 * Serves the web app at `/` from the api's own origin (no CDN, nothing from outside): its
 * bundled assets, `/app-config.json` (what the map draws under our data), and index.html for
 * each page path, so that a shared URL opens the page it names.
 */
export function serveWebApp(app: NestExpressApplication, config: AppConfig): void {
  app.use('/app-config.json', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ tileUrl: config.map.tileUrl ?? null, tileAttribution: config.map.tileAttribution });
  });
  const folder = webAppFolder();
  if (!folder) return;
  app.useStaticAssets(join(folder, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
  });
  const headers = pageHeaders(config.map.tileUrl ?? null);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !PAGES.test(req.path)) return next();
    headers(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(folder, 'index.html'));
    });
  });
}

/**
 * The pages' security headers (helmet): a Content-Security-Policy that lets the page load only
 * its own scripts, styles and data, and images from itself and the configured map tiles; no
 * framing; no referrer beyond the origin. Everything the app needs is served from here.
 */
export function pageHeaders(tileUrl: string | null) {
  const tiles = tileUrl ? tileOrigin(tileUrl) : null;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(tiles ? [tiles] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Served over plain HTTP on a laptop as well; production sets HSTS at its TLS proxy.
    strictTransportSecurity: false,
  });
}

/** https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png → https://*.tile.openstreetmap.org */
export function tileOrigin(tileUrl: string): string {
  const match = /^(https?:\/\/[^/]+)/.exec(tileUrl.replace(/\{s\}/g, '*'));
  return match ? match[1] : "'none'";
}
