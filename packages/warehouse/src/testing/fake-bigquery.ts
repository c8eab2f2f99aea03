import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received: method, path (without /bigquery/v2) and parsed JSON body. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

type Resource = Record<string, unknown>;

/** A running fake of BigQuery's REST API, its state and every request it received. */
export interface FakeBigQuery {
  /** For the client's `apiEndpoint` option. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Datasets by `project/dataset`, tables and views by `project/dataset/table`. */
  readonly datasets: Map<string, Resource>;
  readonly tables: Map<string, Resource>;
  close(): Promise<void>;
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** The requests that change something (everything but GET). */
export const writeRequests = (requests: readonly RecordedRequest[]): RecordedRequest[] =>
  requests.filter((request) => WRITES.has(request.method));

// `project.dataset.table` references in backticks, as a view's SQL names what it reads.
const REFERENCE = /`([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)`/g;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, reason: string, message: string): void {
  send(res, status, { error: { code: status, message, errors: [{ reason, message }] } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

const columnNames = (resource: Resource): string[] =>
  ((resource['schema'] as { fields?: { name: string }[] } | undefined)?.fields ?? []).map(
    (field) => field.name,
  );

/**
 * A stateful stand-in for the slice of the BigQuery v2 REST API that `bq:migrate` uses, on
 * 127.0.0.1: `datasets.get/insert`, `tables.get/insert/patch`, views as tables with `view.query`.
 * Like BigQuery it refuses a view whose SQL reads a table or view that does not exist yet, a patch
 * whose schema drops a column, and an insert of something that exists (409). It checks nothing
 * else: no auth, no SQL, no types.
 */
export async function startFakeBigQuery(): Promise<FakeBigQuery> {
  const requests: RecordedRequest[] = [];
  const datasets = new Map<string, Resource>();
  const tables = new Map<string, Resource>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/^\/bigquery\/v2/, '');
    const body = await readJson(req);
    requests.push({ method, path, body });
    const parts = path.split('/').filter((part) => part !== '');
    const [, project = '', , dataset, , table] = parts;
    const datasetKey = `${project}/${dataset ?? ''}`;
    if (parts[0] !== 'projects' || parts[2] !== 'datasets') {
      error(res, 404, 'notFound', `no such endpoint ${method} ${path}`);
      return;
    }
    if (parts.length === 3 && method === 'POST') {
      const resource = body as Resource;
      const id = (resource['datasetReference'] as { datasetId: string }).datasetId;
      if (datasets.has(`${project}/${id}`)) {
        error(res, 409, 'duplicate', `Already Exists: Dataset ${project}:${id}`);
        return;
      }
      const created = {
        ...resource,
        id: `${project}:${id}`,
        location: resource['location'] ?? 'US',
      };
      datasets.set(`${project}/${id}`, created);
      send(res, 200, created);
      return;
    }
    const found = datasets.get(datasetKey);
    if (parts.length === 4 && method === 'GET') {
      if (found === undefined) {
        error(res, 404, 'notFound', `Not found: Dataset ${project}:${dataset ?? ''}`);
      } else {
        send(res, 200, found);
      }
      return;
    }
    if (found === undefined) {
      error(res, 404, 'notFound', `Not found: Dataset ${project}:${dataset ?? ''}`);
      return;
    }
    if (parts.length === 5 && parts[4] === 'tables' && method === 'POST') {
      const resource = body as Resource;
      const id = (resource['tableReference'] as { tableId: string }).tableId;
      const key = `${datasetKey}/${id}`;
      if (tables.has(key)) {
        error(res, 409, 'duplicate', `Already Exists: Table ${project}:${dataset ?? ''}.${id}`);
        return;
      }
      const query = (resource['view'] as { query?: string } | undefined)?.query;
      const missing = [...(query ?? '').matchAll(REFERENCE)]
        .map(([, p, d, t]) => `${p ?? ''}/${d ?? ''}/${t ?? ''}`)
        .find((ref) => !tables.has(ref));
      if (missing !== undefined) {
        error(res, 404, 'notFound', `Not found: Table ${missing.replaceAll('/', '.')}`);
        return;
      }
      const created = { ...resource, type: query === undefined ? 'TABLE' : 'VIEW' };
      tables.set(key, created);
      send(res, 200, created);
      return;
    }
    const key = `${datasetKey}/${table ?? ''}`;
    const existing = tables.get(key);
    if (parts.length === 6 && existing === undefined) {
      error(res, 404, 'notFound', `Not found: Table ${project}:${dataset ?? ''}.${table ?? ''}`);
      return;
    }
    if (parts.length === 6 && existing !== undefined && method === 'GET') {
      send(res, 200, existing);
      return;
    }
    if (parts.length === 6 && existing !== undefined && method === 'PATCH') {
      const patch = body as Resource;
      const kept = new Set(patch['schema'] === undefined ? [] : columnNames(patch));
      const dropped =
        patch['schema'] === undefined ? [] : columnNames(existing).filter((n) => !kept.has(n));
      if (dropped.length > 0) {
        error(
          res,
          400,
          'invalid',
          `Provided Schema does not match Table: missing ${dropped.join(', ')}`,
        );
        return;
      }
      const updated = { ...existing, ...patch };
      tables.set(key, updated);
      send(res, 200, updated);
      return;
    }
    error(res, 404, 'notFound', `no such endpoint ${method} ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((cause: unknown) => {
      error(res, 500, 'internalError', String(cause));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    datasets,
    tables,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err === undefined ? resolve() : reject(err)));
      }),
  };
}
