/**
 * Fetch wrapper for /api/v1: same-origin cookie auth, `X-CSRF-Token` on every write,
 * `Accept-Language` with the UI language, and one error shape (see docs/api.md).
 */

export interface FieldError {
  path: string;
  message: string;
}

export interface OrgUnitRef {
  code: string;
  name: string;
  kind: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
  }
}

const BASE = '/api/v1';

let csrfToken: string | null = null;
let language = 'es';
let networkMessage = 'No se pudo conectar con el servidor. Compruebe su conexión e inténtelo de nuevo.';
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: string, networkErrorMessage: string): void {
  language = lang;
  networkMessage = networkErrorMessage;
}

/** Called when a request that needed a session answers 401 `unauthenticated` (the session ended). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Do not call the unauthenticated handler on 401 (login, /me on start). */
  quiet401?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error;
    const fields = Array.isArray(e.fields)
      ? e.fields.filter(isRecord).map((f) => ({ path: String(f.path ?? ''), message: String(f.message ?? '') }))
      : [];
    return new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : 'internal',
      typeof e.message === 'string' ? e.message : res.statusText,
      fields,
      typeof body.request_id === 'string' ? body.request_id : undefined,
    );
  }
  return new ApiError(res.status, res.status === 404 ? 'not_found' : 'internal', res.statusText || String(res.status));
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', networkMessage);
  }
  if (!res.ok) {
    const error = await parseError(res);
    if (res.status === 401 && error.code === 'unauthenticated' && !opts.quiet401) onUnauthenticated?.();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body ?? {}, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
