// The dashboard's only door to data: the public REST API of the service it is served by, with the
// user's API key as a bearer token. Errors keep the API's code and message for display.

const KEY_STORAGE = "cortex-mem.key";

/** A failed API call: HTTP status, the API's error code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let apiKey: string | null = sessionStorage.getItem(KEY_STORAGE);
let onUnauthorized: () => void = () => {};

/** Remembers the key for this tab (sessionStorage: gone when the tab closes). */
export function setApiKey(key: string | null): void {
  apiKey = key;
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

/** Whether a key is held. */
export const hasApiKey = (): boolean => apiKey !== null;

/** Called when the API answers 401 (the key was revoked or is wrong). */
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

/** Query parameters; undefined and empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** What a call may carry besides method and path. */
export interface CallOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return `${location.origin}${path}${qs ? `?${qs}` : ""}`;
}

const early = new Map<string, { at: number; key: string | null; response: Promise<Response> }>();

/**
 * Starts a GET before the component that needs it is drawn (e.g. while the sign-in check runs); the
 * first {@link call} of the same URL with the same key within 5 s takes the response over as its own.
 */
export function prefetch(path: string, query?: Query): void {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const response = fetch(url(path, query), { headers });
  response.catch(() => undefined); // a failure is met again by the call that takes it over
  early.set(url(path, query), { at: Date.now(), key: apiKey, response });
}

function takeEarly(target: string): Promise<Response> | undefined {
  const hit = early.get(target);
  early.delete(target);
  // Only while fresh, and only if made with the key held now (not one a sign-in has since replaced).
  return hit && hit.key === apiKey && Date.now() - hit.at < 5_000 ? hit.response : undefined;
}

/** Calls the API; resolves with the JSON body and the response headers, or throws {@link ApiError}. */
export async function call<T>(
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let res: Response;
  const target = url(path, options.query);
  const prefetched = method === "GET" ? takeEarly(target) : undefined;
  try {
    res = await (prefetched ??
      fetch(target, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }));
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "The service did not answer; is it still running?");
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | null)?.error;
    if (res.status === 401) onUnauthorized();
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? `${res.status} ${res.statusText}`,
    );
  }
  return { data: data as T, headers: res.headers };
}

/** GET returning the body only. */
export async function get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return (await call<T>("GET", path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) })).data;
}

/** Message of anything thrown, for display. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.status ? `${error.message} (${error.code})` : error.message;
  return error instanceof Error ? error.message : String(error);
}
