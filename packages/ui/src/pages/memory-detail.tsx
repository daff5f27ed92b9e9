// One memory: content, attributes, metadata, source messages, history timeline, what superseded
// what; edit (with If-Match, so a change made meanwhile is not overwritten) and delete.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ApiError, call, messageOf } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { EditForm } from "../components/edit-form.js";
import { Empty, ErrorBox, Show, useLoad } from "../components/status.js";
import { when } from "../format.js";
import { href, navigate } from "../router.js";
import type { WireHistory, WireMemory } from "../types.js";

interface Loaded {
  memory: WireMemory;
  etag: string | null;
  history: WireHistory[];
}

/** History rows of a memory; one imported without any (an export without history, a v1 store) has none. */
async function historyOf(id: string, signal: AbortSignal): Promise<WireHistory[]> {
  try {
    return (await call<{ history: WireHistory[] }>("GET", `/memories/${encodeURIComponent(id)}/history`, { signal }))
      .data.history;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

async function load(id: string, signal: AbortSignal): Promise<Loaded> {
  const [got, history] = await Promise.all([
    call<WireMemory>("GET", `/memories/${encodeURIComponent(id)}`, { signal }),
    historyOf(id, signal),
  ]);
  return { memory: got.data, etag: got.headers.get("ETag"), history };
}

const Field = ({ label, children }: { label: string; children: ComponentChildren }) => (
  <div>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </div>
);

/** The detail page of memory `id`. */
export function MemoryDetail({ id }: { id: string }) {
  const [state, reload] = useLoad((signal) => load(id, signal), [id]);
  const [confirm, setConfirm] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const remove = async (etag: string | null): Promise<void> => {
    try {
      await call("DELETE", `/memories/${encodeURIComponent(id)}`, { headers: etag ? { "If-Match": etag } : {} });
      navigate("memories");
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <p>
        <a href={href("memories")}>← Memories</a>
      </p>
      <Show state={state} retry={reload} label="Loading the memory">
        {({ memory: m, etag, history }) => (
          <div class="detail">
            <section class="card" aria-labelledby="mem-h">
              <h1 id="mem-h" class="content-title">
                {m.content}
              </h1>
              {m.superseded_by ? (
                <p class="notice">
                  Superseded by <a href={href(`memories/${m.superseded_by}`)}>a newer memory</a>.
                </p>
              ) : null}
              <dl class="fields-view">
                <Field label="Type">
                  <span class={`type t-${m.memory_type}`}>{m.memory_type}</span>
                </Field>
                <Field label="Importance">{m.importance_score.toFixed(2)}</Field>
                <Field label="User">{m.user_id ?? "—"}</Field>
                <Field label="Agent">{m.agent_id ?? "—"}</Field>
                <Field label="Run">{m.run_id ?? "—"}</Field>
                <Field label="Said by">{[m.actor_id, m.role].filter(Boolean).join(" · ") || "—"}</Field>
                <Field label="Observed">{when(m.observed_at)}</Field>
                <Field label="Created">{when(m.created_at)}</Field>
                <Field label="Updated">{when(m.updated_at)}</Field>
                {m.valid_until ? <Field label="Valid until">{when(m.valid_until)}</Field> : null}
                <Field label="Topics">{m.topics.join(", ") || "—"}</Field>
                <Field label="Entities">{m.entities.join(", ") || "—"}</Field>
                <Field label="Id">
                  <code>{m.id}</code>
                </Field>
              </dl>
              <h2>Metadata</h2>
              {Object.keys(m.metadata).length ? (
                <pre>{JSON.stringify(m.metadata, null, 2)}</pre>
              ) : (
                <p class="muted">None.</p>
              )}
              <h2>Source messages</h2>
              {m.source.length ? (
                <ul>
                  {m.source.map((s, i) => (
                    <li key={i}>{s}</li>
                  ))}
                </ul>
              ) : (
                <p class="muted">None recorded.</p>
              )}
              {m.context ? (
                <>
                  <h2>Said between</h2>
                  <p class="muted">{m.context}</p>
                </>
              ) : null}
            </section>
            <section class="card" aria-labelledby="edit-h">
              <h2 id="edit-h">Edit</h2>
              <EditForm memory={m} etag={etag} onSaved={reload} />
              <h2>Delete</h2>
              <button type="button" class="danger" onClick={() => setConfirm(true)}>
                Delete this memory
              </button>
              {failure ? <ErrorBox error={failure} /> : null}
              {confirm ? (
                <ConfirmDialog
                  title="Delete memory"
                  message="Delete this memory? Its history stays readable."
                  action="Delete"
                  onConfirm={() => void remove(etag)}
                  onClose={() => setConfirm(false)}
                />
              ) : null}
            </section>
            <section class="card wide" aria-labelledby="hist-h">
              <h2 id="hist-h">History</h2>
              {history.length === 0 ? (
                <Empty>No history recorded for this memory (it was imported without).</Empty>
              ) : null}
              <ol class="timeline" data-testid="history">
                {history.map((h) => (
                  <li key={h.id}>
                    <span class={`event ev-${h.event.toLowerCase()}`}>{h.event}</span>
                    <span class="muted small">
                      {when(h.created_at)}
                      {h.actor_id ? ` · ${h.actor_id}` : ""}
                    </span>
                    {h.old_content && h.old_content !== h.new_content ? <del>{h.old_content}</del> : null}
                    {h.new_content ? <ins>{h.new_content}</ins> : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
        )}
      </Show>
      {state.status === "error" ? (
        <p>{messageOf(state.error).includes("NOT_FOUND") ? "It may have been deleted." : ""}</p>
      ) : null}
    </>
  );
}
