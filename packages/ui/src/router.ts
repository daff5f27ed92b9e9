// Hash routes (#/memories/<id>?…): work behind any static server and need no server fallback.
import { useEffect, useState } from "preact/hooks";

/** The current route: path segments and query parameters of the hash. */
export interface Route {
  path: string[];
  params: URLSearchParams;
}

/** Parses `location.hash`. */
export function currentRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = raw.split("?");
  return { path: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

/** The route, re-rendering on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** A hash link to a route. */
export function href(path: string, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

/** Navigates to a route. */
export function navigate(path: string, params?: Record<string, string | undefined>): void {
  location.hash = href(path, params);
}
