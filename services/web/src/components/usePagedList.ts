import { useCallback, useEffect, useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { Page, PageRequest } from '@rectify/contracts';

/**
 * One list read page by page from the API (`?page=&pageSize=`, answered as `Page<T>`), with the
 * antd Table pagination that moves through it. `load` must be stable (useCallback).
 */
export function usePagedList<T>(load: (p: PageRequest) => Promise<Page<T>>, pageSize = 20) {
  const [request, setRequest] = useState<PageRequest>({ page: 1, pageSize });
  const [page, setPage] = useState<Page<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () => load(request).then((p) => { setPage(p); setError(null); }, (e: Error) => setError(e.message)),
    [load, request],
  );
  useEffect(() => { void reload(); }, [reload]);
  const pagination: TablePaginationConfig = {
    current: request.page,
    pageSize: request.pageSize,
    total: page?.total ?? 0,
    showSizeChanger: true,
    showTotal: (total) => `共 ${total} 条`,
    onChange: (p, size) => setRequest({ page: size === request.pageSize ? p : 1, pageSize: size }),
  };
  return { rows: page?.items ?? null, error, reload, pagination };
}
