// Edits content, type and importance of a memory. Only changed fields are sent, with If-Match:
// a 409 (someone changed it meanwhile) is shown with the API's message and a reload.
import { useEffect, useState } from "preact/hooks";
import { ApiError, call } from "../api.js";
import { MEMORY_TYPES } from "../types.js";
import type { WireMemory } from "../types.js";
import { ErrorBox } from "./status.js";

/** The edit form of the detail page. */
export function EditForm({ memory, etag, onSaved }: { memory: WireMemory; etag: string | null; onSaved: () => void }) {
  const [content, setContent] = useState(memory.content);
  const [type, setType] = useState(memory.memory_type);
  const [importance, setImportance] = useState(String(memory.importance_score));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setContent(memory.content);
    setType(memory.memory_type);
    setImportance(String(memory.importance_score));
  }, [memory]);
  const body: Record<string, unknown> = {};
  if (content.trim() !== memory.content) body.content = content.trim();
  if (type !== memory.memory_type) body.memory_type = type;
  if (Number(importance) !== memory.importance_score) body.importance_score = Number(importance);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call("PUT", `/memories/${encodeURIComponent(memory.id)}`, {
        body,
        headers: etag ? { "If-Match": etag } : {},
      });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="edit" onSubmit={save} aria-label="Edit memory">
      <label>
        Content
        <textarea
          name="content"
          rows={4}
          value={content}
          onInput={(e) => setContent((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <div class="row">
        <label>
          Type
          <select
            name="memory_type"
            value={type}
            onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value)}
          >
            {MEMORY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Importance
          <input
            name="importance"
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={importance}
            onInput={(e) => setImportance((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
      </div>
      {error ? (
        <ErrorBox error={error} {...(error instanceof ApiError && error.status === 409 ? { onRetry: onSaved } : {})} />
      ) : null}
      <button type="submit" disabled={busy || Object.keys(body).length === 0 || content.trim() === ""}>
        {busy ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
