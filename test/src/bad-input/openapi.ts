import { api, login } from '../harness/index.js';

/** Just enough of OpenAPI 3 for generating requests. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  service: string;
  method: string;
  /** As the document spells it, prefixed with /api/<service> (the gateway's own paths as they are). */
  path: string;
  key: string;
  parameters: Parameter[];
  jsonBody?: Schema;
  multipart: boolean;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Replaces every `$ref` by the schema it names (the documents have no recursive DTOs). */
function resolve(schema: Schema | undefined, doc: Document, depth = 0): Schema | undefined {
  if (!schema || depth > 8) return schema;
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc, depth + 1);
  const out: Schema = { ...schema };
  if (schema.items) out.items = resolve(schema.items, doc, depth + 1);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, doc, depth + 1)!]));
  return out;
}

/** Every operation of the gateway's and every service's OpenAPI document, fetched through the gateway. */
export async function loadOperations(services: readonly string[]): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const [service, prefix, url] of [['gateway', '', '/docs/json'], ...services.map((s) => [s, `/api/${s}`, `/api/${s}/docs/json`])] as [string, string, string][]) {
    const res = await api<Document>('GET', url, { token: await login('jiandu') });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const doc = res.body;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const content = op.requestBody?.content ?? {};
        ops.push({
          service,
          method: method.toUpperCase(),
          path: `${prefix}${path}`,
          key: `${method.toUpperCase()} ${prefix}${path}`,
          parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema, doc) })),
          jsonBody: resolve(content['application/json']?.schema, doc),
          multipart: 'multipart/form-data' in content,
        });
      }
    }
  }
  return ops;
}
