// Who is using the dashboard: the key is checked with one small /insights call, whose `scope`
// tells whether the key is bound to a user (then every page is limited to that user).
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiError, get, setApiKey } from "./api.js";
import type { Insights } from "./types.js";

/** A signed-in session. */
export interface Session {
  /** The user a bound key is limited to; undefined for an unbound key (or no auth). */
  boundUser: string | undefined;
  /** True when the service needs no key at all. */
  open: boolean;
  signOut: () => void;
}

/** The session of the rendered app. */
export const SessionContext = createContext<Session>({ boundUser: undefined, open: false, signOut: () => {} });

/** The current session. */
export const useSession = (): Session => useContext(SessionContext);

/** What the overview asks `/insights` for. */
export const OVERVIEW_QUERY = { days: 30, recent: 12, owners: 50 };

let probed: { insights: Insights; at: number } | null = null;

/** The overview's data fetched by the sign-in check, once and while fresh (the first overview needs no second call). */
export function takeProbed(): Insights | null {
  const fresh = probed && Date.now() - probed.at < 5_000 ? probed.insights : null;
  probed = null;
  return fresh;
}

/** Checks a key (null: try without one); resolves with the bound user, or throws the API's error. */
export async function probe(key: string | null): Promise<{ boundUser: string | undefined }> {
  setApiKey(key);
  try {
    const insights = await get<Insights>("/insights", OVERVIEW_QUERY);
    probed = { insights, at: Date.now() };
    return { boundUser: insights.scope.user_id };
  } catch (error) {
    setApiKey(null);
    throw error;
  }
}

/** True when an error means "a key is needed or wrong". */
export const isAuthError = (error: unknown): boolean => error instanceof ApiError && error.status === 401;
