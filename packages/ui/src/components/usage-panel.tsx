// Usage (LLM and embedding calls, tokens) when the service records it at GET /usage; a service
// without that route says so instead of showing made-up numbers.
import { ApiError, get } from "../api.js";
import { Show, useLoad } from "./status.js";

type Flat = [string, string][];

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (out.length >= 24) return out;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    value.slice(0, 8).forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else out.push([prefix, typeof value === "number" ? value.toLocaleString() : String(value)]);
  return out;
}

async function loadUsage(signal: AbortSignal): Promise<Flat | null> {
  try {
    return flatten(await get<unknown>("/usage", undefined, signal), "", []);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

/** The usage card. */
export function UsagePanel() {
  const [state, retry] = useLoad(loadUsage, []);
  return (
    <section class="card" aria-labelledby="usage-h">
      <h2 id="usage-h">Usage</h2>
      <Show state={state} retry={retry} label="Loading usage">
        {(rows) =>
          rows === null ? (
            <p class="muted">This service does not record usage.</p>
          ) : rows.length === 0 ? (
            <p class="muted">No usage recorded yet.</p>
          ) : (
            <table class="plain">
              <caption class="sr-only">Usage</caption>
              <tbody>
                {rows.map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </section>
  );
}
