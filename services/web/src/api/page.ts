/** Which page of a list to read: every list of the API takes `?page=&pageSize=` (20 a page unless asked, at most 200). */
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

/** Every list of the API answers one page in this shape (libs/platform paging.ts). */
export interface Page<T> {
  items: T[];
  total: number;
  /** False only where the server stops counting (the ledger's "10000+"). */
  totalIsExact: boolean;
  page: number;
  pageSize: number;
}
