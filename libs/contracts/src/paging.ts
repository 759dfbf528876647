/**
 * The paging contract of every list of the API: `?page=&pageSize=` in, one `Page` out. The
 * services validate it with `PageQuery` (libs/platform paging.ts); the console reads it.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;
export const MAX_PAGE = 100_000;

/** Which page of a list to read: page from 1, DEFAULT_PAGE_SIZE a page unless asked, at most MAX_PAGE_SIZE. */
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

/** One page of a list, how many match in all, and which page this is. */
export interface Page<T> {
  items: T[];
  total: number;
  /** False only where counting stops at a cap (the ledger says "10000+"). */
  totalIsExact: boolean;
  page: number;
  pageSize: number;
}
