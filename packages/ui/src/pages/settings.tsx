// Settings: the effective configuration, each value with where it came from; read-only.
import { get } from "../api.js";
import { Show, useLoad } from "../components/status.js";

interface Setting {
  key: string;
  value: unknown;
  source: string;
  env?: string;
  secret: boolean;
}

const show = (v: unknown): string => (v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

/** The Settings page. */
export function SettingsPage() {
  const [state, retry] = useLoad(
    (signal) => get<{ settings: Setting[]; file: string | null }>("/config", undefined, signal),
    [],
  );
  return (
    <>
      <h1>Settings</h1>
      <p class="muted">
        The configuration in force (defaults &lt; file &lt; environment &lt; flags). Read-only: change it in{" "}
        <code>cortex-mem.toml</code> or the environment and restart. Secrets are masked.
      </p>
      <Show state={state} retry={retry} label="Loading the configuration">
        {({ settings, file }) => (
          <section class="card wide">
            <p>Config file: {file ? <code>{file}</code> : <span class="muted">none</span>}</p>
            <table class="settings">
              <caption class="sr-only">Effective configuration</caption>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Value</th>
                  <th scope="col">Source</th>
                  <th scope="col">Environment variable</th>
                </tr>
              </thead>
              <tbody>
                {settings.map((s) => (
                  <tr key={s.key}>
                    <th scope="row">
                      <code>{s.key}</code>
                    </th>
                    <td data-label="Value" class={s.secret ? "secret" : undefined}>
                      {show(s.value)}
                    </td>
                    <td data-label="Source">
                      <span class={`src src-${s.source}`}>{s.source}</span>
                    </td>
                    <td data-label="Env">{s.env ? <code>{s.env}</code> : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </Show>
    </>
  );
}
