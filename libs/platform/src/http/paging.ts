import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE, type Page, type PageRequest } from '@rectify/contracts';

/** `?page=&pageSize=` of every list (the contract in @rectify/contracts paging.ts), validated. Lists extend it with their filters. */
export class PageQuery implements PageRequest {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE, description: '页码，从 1 开始' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是正整数' }) @Min(1, { message: 'page 必须是正整数' }) @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE, description: '每页条数' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 至少为 1' }) @Max(MAX_PAGE_SIZE, { message: `pageSize 最多为 ${MAX_PAGE_SIZE}` })
  pageSize?: number;
}

/** Which rows a page query asks for (page and pageSize are validated integers, safe to write into SQL). */
export function pageWindow(query: PageQuery): { page: number; pageSize: number; limit: number; offset: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** One list statement: the selected columns, everything from FROM to the end of WHERE, and the order. */
export interface ListSql {
  select: string;
  from: string;
  orderBy: string;
  params: unknown[];
}

/**
 * Runs one page of a list and its exact count. `orderBy` must end with a unique column so that
 * pages neither repeat nor skip a row.
 */
export async function queryPage<R>(db: DataSource, sql: ListSql, query: PageQuery): Promise<Page<R>> {
  const { page, pageSize, limit, offset } = pageWindow(query);
  const [items, count] = await Promise.all([
    db.query(`SELECT ${sql.select} FROM ${sql.from} ORDER BY ${sql.orderBy} LIMIT ${limit} OFFSET ${offset}`, sql.params) as Promise<R[]>,
    db.query(`SELECT count(*)::int AS total FROM ${sql.from}`, sql.params) as Promise<{ total: number }[]>,
  ]);
  return { items, total: count[0]?.total ?? 0, totalIsExact: true, page, pageSize };
}

/** The same page with each item mapped (rows to the API's camelCase shape). */
export const mapPage = <R, T>(p: Page<R>, f: (row: R) => T): Page<T> => ({ ...p, items: p.items.map(f) });
