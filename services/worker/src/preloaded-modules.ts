/**
 * Modules evaluated once in the worker's reused V8 context and shared by every workflow, instead
 * of once per cached workflow (the SDK's `preloadModules`). Only modules without state of their
 * own may be here — a workflow must never see what another left behind — which
 * `preloaded-modules.spec.ts` checks of Rectify's two libraries: no module-level `let`/`var`, no
 * module-level Map, Set or empty array or object to fill. What they import comes along (the domain
 * library's decimal.js, for amounts, which no workflow computes with). Sharing them takes about a
 * quarter off the memory of a cached workflow (docs/operations.md, "Sizing").
 */
export const PRELOADED_MODULES = ['@rectify/domain', '@rectify/contracts'] as const;
