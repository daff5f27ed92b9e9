import { parseExpiresAt, parseTtl } from "../util/duration.js";

/**
 * The expiry the extraction call proposed for a time-bound fact ("I'm in Paris this week"):
 * `expires_at` (RFC 3339 with offset, or a date) wins over `ttl` (the TTL grammar, counted from
 * when the fact was said). A proposal outside the grammar, or not after `observedAt`, is dropped
 * — the fact is still stored, with its type's default — so a small model's slip never loses a fact.
 */
export function proposedExpiry(fact: { expires_at?: unknown; ttl?: unknown }, observedAt: Date): Date | undefined {
  const after = (d: Date): Date | undefined => (d.getTime() > observedAt.getTime() ? d : undefined);
  if (fact.expires_at !== undefined && fact.expires_at !== null) {
    try {
      return after(parseExpiresAt(fact.expires_at, "expires_at"));
    } catch {
      // Not a date we accept: try the TTL, else no proposal.
    }
  }
  if (fact.ttl !== undefined && fact.ttl !== null) {
    try {
      return after(new Date(observedAt.getTime() + parseTtl(fact.ttl, "ttl")));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
