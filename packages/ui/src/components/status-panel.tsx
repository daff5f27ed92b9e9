// Store, LLM and embedder: reachable or not, with latency (probes run by the service).
import { ApiError, get } from "../api.js";
import { Show, useLoad } from "./status.js";

interface Health {
  status: string;
  version: string;
  store: { kind: string; reachable: boolean; error?: { code: string; message: string } };
}

interface ModelStatus {
  role: string;
  provider: string;
  model: string | null;
  reachable: boolean;
  latency_ms: number | null;
  error: { code: string; message: string } | null;
}

async function loadHealth(signal: AbortSignal): Promise<{ health: Health; ms: number }> {
  const started = performance.now();
  try {
    const health = await get<Health>("/health", undefined, signal);
    return { health, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 503)) throw error;
    const store = { kind: "?", reachable: false, error: { code: error.code, message: error.message } };
    return { health: { status: "unhealthy", version: "?", store }, ms: performance.now() - started };
  }
}

/** Both probes at once: the store's (through /health) and the models' (/llm/status). */
async function loadStatus(signal: AbortSignal): Promise<{ health: Health; ms: number; models: ModelStatus[] }> {
  const [{ health, ms }, { models }] = await Promise.all([
    loadHealth(signal),
    get<{ models: ModelStatus[] }>("/llm/status", undefined, signal),
  ]);
  return { health, ms, models };
}

const Dot = ({ ok }: { ok: boolean }) => <span class={`dot ${ok ? "ok" : "bad"}`} aria-hidden="true" />;

/** The status card of the overview. */
export function StatusPanel() {
  const [state, retry] = useLoad(loadStatus, []);
  return (
    <section class="card" aria-labelledby="status-h">
      <h2 id="status-h">Status</h2>
      <Show state={state} retry={retry} label="Probing the store and models">
        {({ health, ms, models }) => (
          <table class="plain">
            <caption class="sr-only">Store and model status</caption>
            <tbody>
              <tr>
                <th scope="row">
                  <Dot ok={health.store.reachable} /> store
                </th>
                <td>{health.store.kind}</td>
                <td>
                  {health.store.reachable
                    ? `ok · ${Math.round(ms)} ms round trip`
                    : `unreachable: ${health.store.error?.message ?? ""}`}
                </td>
              </tr>
              {models.map((m) => (
                <tr key={m.role}>
                  <th scope="row">
                    <Dot ok={m.reachable} /> {m.role === "llm" ? "LLM" : "embedder"}
                  </th>
                  <td>
                    {m.provider}
                    {m.model ? ` · ${m.model}` : ""}
                  </td>
                  <td>
                    {m.reachable
                      ? m.latency_ms === null
                        ? "ok · local"
                        : `ok · ${Math.round(m.latency_ms)} ms`
                      : `unreachable: ${m.error?.message ?? ""}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Show>
      <p class="muted small">
        Service {state.status === "ok" ? state.data.health.version : ""} ·{" "}
        <button type="button" class="link" onClick={retry}>
          Probe again
        </button>
      </p>
    </section>
  );
}
