import type { HttpServer } from '@nestjs/common';

interface RouteLayer {
  route?: { methods?: Record<string, boolean> };
  match(path: string): unknown;
}

/**
 * The methods the app's routes serve at `path` (upper case, sorted), read from Express's router:
 * empty when no route has that path, so a 404 is right; otherwise the request's method is the
 * wrong one and the answer is 405 with these in `Allow`.
 */
export function allowedMethods(adapter: HttpServer | undefined, path: string): string[] {
  const app = adapter?.getInstance?.() as { router?: { stack?: RouteLayer[] } } | undefined;
  const methods = new Set<string>();
  for (const layer of app?.router?.stack ?? []) {
    if (!layer.route?.methods || !layer.match(path)) continue;
    for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') methods.add(method.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
