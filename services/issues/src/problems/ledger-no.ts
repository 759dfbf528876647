/** Ledger numbers: <enterprise code>-<year>-<five digits>, e.g. E001-2026-00042. */
export const LEDGER_NO = /^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/;
