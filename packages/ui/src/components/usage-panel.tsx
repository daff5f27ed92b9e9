// Usage of the last 30 days (GET /usage): tokens of LLM and embedding calls per operation and model,
// tokens per day, and the cost estimate from the configured prices. Only recorded figures are shown.
import { ApiError, get } from "../api.js";
import { Columns } from "./charts.js";
import { Empty, Show, useLoad } from "./status.js";

interface UsageRow {
  day: string;
  operation: string;
  model: string;
  calls: number;
  tokens_in: number;
  tokens_out: number;
  estimated_calls: number;
  cost: number | null;
}

interface UsageReport {
  currency: string;
  rows: UsageRow[];
  totals: { calls: number; tokens_in: number; tokens_out: number; cost: number | null };
  unpriced_models: string[];
}

const DAYS = 30;
const day = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The query of the usage card: the last 30 UTC days. */
export function usageQuery(): { from: string; to: string } {
  const to = Date.now();
  return { from: day(to - (DAYS - 1) * 86_400_000), to: day(to) };
}

async function loadUsage(signal: AbortSignal): Promise<UsageReport | null> {
  try {
    return await get<UsageReport>("/usage", usageQuery(), signal);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

/** Rows summed over days, users and agents: one per operation and model, most tokens first. */
function byOperation(rows: UsageRow[]): UsageRow[] {
  const sums = new Map<string, UsageRow>();
  for (const r of rows) {
    const k = `${r.operation}\u0000${r.model}`;
    const s = sums.get(k);
    if (!s) sums.set(k, { ...r });
    else {
      s.calls += r.calls;
      s.tokens_in += r.tokens_in;
      s.tokens_out += r.tokens_out;
      s.estimated_calls += r.estimated_calls;
      s.cost = s.cost === null || r.cost === null ? null : s.cost + r.cost;
    }
  }
  return [...sums.values()].sort(
    (a, b) => b.tokens_in + b.tokens_out - (a.tokens_in + a.tokens_out) || b.calls - a.calls,
  );
}

function money(n: number | null, currency: string): string {
  if (n === null) return "—";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: 4 }).format(n);
  } catch {
    return `${n.toFixed(4)} ${currency}`;
  }
}

function Report({ u }: { u: UsageReport }) {
  if (u.rows.length === 0) return <Empty>No usage recorded in the last {DAYS} days.</Empty>;
  // Tokens per day; calls per day when no call reported tokens (e.g. the local embedder only).
  const tokens = u.totals.tokens_in + u.totals.tokens_out > 0;
  const perDay = new Map<string, number>();
  for (const r of u.rows) perDay.set(r.day, (perDay.get(r.day) ?? 0) + (tokens ? r.tokens_in + r.tokens_out : r.calls));
  const now = Date.now();
  const days = Array.from({ length: DAYS }, (_, i) => day(now - (DAYS - 1 - i) * 86_400_000));
  const estimated = u.rows.reduce((n, r) => n + r.estimated_calls, 0);
  const n = (x: number): string => x.toLocaleString();
  return (
    <>
      <p data-testid="usage-totals">
        <strong>{n(u.totals.calls)}</strong> calls · <strong>{n(u.totals.tokens_in)}</strong> tokens in ·{" "}
        <strong>{n(u.totals.tokens_out)}</strong> out · cost <strong>{money(u.totals.cost, u.currency)}</strong>
      </p>
      {u.unpriced_models.length ? (
        <p class="muted small">No price configured for {u.unpriced_models.join(", ")} ([[usage.prices]]).</p>
      ) : null}
      {estimated ? (
        <p class="muted small">Tokens of {n(estimated)} calls are estimated (not reported by the provider).</p>
      ) : null}
      <Columns
        data={days.map((d) => ({ key: d, n: perDay.get(d) ?? 0 }))}
        label={tokens ? "Tokens per day" : "Calls per day"}
        first={days[0] ?? ""}
        last={days[DAYS - 1] ?? ""}
      />
      <div class="scroll">
        <table class="plain">
          <caption class="sr-only">Usage by operation and model</caption>
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Model</th>
              <th scope="col">Calls</th>
              <th scope="col">Tokens in / out</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {byOperation(u.rows).map((r) => (
              <tr key={`${r.operation} ${r.model}`}>
                <td>{r.operation}</td>
                <td>
                  <code>{r.model}</code>
                </td>
                <td>{n(r.calls)}</td>
                <td>
                  {n(r.tokens_in)} / {n(r.tokens_out)}
                </td>
                <td>{money(r.cost, u.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The usage card of the overview. */
export function UsagePanel() {
  const [state, retry] = useLoad(loadUsage, []);
  return (
    <section class="card wide" aria-labelledby="usage-h">
      <h2 id="usage-h">
        Usage <span class="muted small">(last {DAYS} days)</span>
      </h2>
      <Show state={state} retry={retry} label="Loading usage">
        {(u) => (u === null ? <Empty>This service does not record usage.</Empty> : <Report u={u} />)}
      </Show>
    </section>
  );
}
