import { extname } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Paths the console never answers: the API (always authenticated), the docs, health and about. */
const RESERVED = ['/api', '/docs', '/health', '/about'];

const isReserved = (path: string) => RESERVED.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * Serves the built console from `root`: its files as public static assets (hashed ones cached for a
 * year), and index.html for any other GET so the browser's router takes the path (SPA fallback).
 * /api, /docs, /health and /about pass through untouched, so every API route keeps its guard.
 */
export function spaHandler(root: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReserved(req.path)) return next();
    if (extname(req.path) !== '') {
      const hashed = req.path.startsWith('/assets/');
      // `root` confines the path: sendFile refuses "..", and dotfiles are not served.
      res.sendFile(req.path, { root, dotfiles: 'deny', maxAge: hashed ? 365 * 24 * 3600 * 1000 : 0, immutable: hashed }, (err) => {
        if (err && !res.headersSent) next();
      });
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile('index.html', { root }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}
