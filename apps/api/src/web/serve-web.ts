import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'fs';
import { join, resolve } from 'path';

/**
 * Where `vite build` wrote the web application: dist/web at the repository (or image) root. WEB_DIST_DIR overrides it.
 * From the compiled API (dist/apps/api/src/web) and from the sources (apps/api/src/web, tests) alike.
 */
export function webDistDir(): string {
  if (process.env.WEB_DIST_DIR) return resolve(process.env.WEB_DIST_DIR);
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web'), resolve(process.cwd(), 'dist/web')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[candidates.length - 1];
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>前端未构建</title>
<body style="font-family:sans-serif;padding:40px;color:#333"><h2>网页端尚未构建</h2>
<p>请运行 <code>npm run build:web</code>（<code>bash scripts/start.sh</code> 会自动构建）。接口仍在 <a href="/api/docs">/api</a>。</p></body></html>`;

/**
 * Serves the built web application at / with an SPA fallback: every GET outside /api that asks for HTML gets
 * index.html, so deep links (/campaigns/…/tasks/…) open the right screen. /api stays the API (unknown /api/*
 * paths keep their JSON 404). Hashed assets are cached for a year, index.html never.
 */
export function serveWebApp(app: NestExpressApplication, dir: string = webDistDir()): void {
  const index = join(dir, 'index.html');
  const assets = express.static(dir, {
    index: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');
  // Not for /api: the file lookup (a stat of the disk) cost every API request a system call and a callback.
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : assets(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req)) return next();
    if (req.path.startsWith('/assets/')) return next(); // a missing asset is a 404, not the page
    if (!existsSync(index)) return res.status(503).type('html').send(NOT_BUILT);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
