// The search and filter form of the Memories page.
import { useEffect, useState } from "preact/hooks";
import type { FilterForm } from "../filters.js";
import { MEMORY_TYPES } from "../types.js";

type TextKey = Exclude<keyof FilterForm, "memory_type" | "include_superseded">;

/**
 * Edits a {@link FilterForm}; `onApply` runs on submit. A bound user's field is fixed. What the user
 * types is kept until `value` changes in content (a search applied, the back button, a link): a
 * re-render of the page (its list arriving) hands over an equal new object and must not wipe it.
 */
export function FilterFormView({
  value,
  boundUser,
  onApply,
}: {
  value: FilterForm;
  boundUser: string | undefined;
  onApply: (f: FilterForm) => void;
}) {
  const [form, setForm] = useState(value);
  const shown = JSON.stringify(value);
  useEffect(() => setForm(value), [shown]);
  const text = (key: TextKey, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        name={key}
        value={form[key]}
        onInput={(e) => setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement).value })}
        {...extra}
      />
    </label>
  );
  return (
    <form
      class="card filters"
      role="search"
      aria-label="Search and filter memories"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(form);
      }}
    >
      <div class="searchrow">
        <label class="grow">
          <span class="sr-only">Search text</span>
          <input
            type="search"
            name="q"
            placeholder="Search memories (hybrid: vectors + keywords)"
            value={form.q}
            onInput={(e) => setForm({ ...form, q: (e.currentTarget as HTMLInputElement).value })}
          />
        </label>
        <button type="submit">Search</button>
      </div>
      <details
        open={
          [
            form.agent_id,
            form.run_id,
            form.topics,
            form.entities,
            form.metadata,
            form.min_importance,
            form.max_importance,
            form.created_after,
            form.created_before,
          ].some(Boolean) || form.memory_type.length > 0
        }
      >
        <summary>Filters</summary>
        <div class="fields">
          {boundUser ? (
            <label>
              User
              <input value={boundUser} disabled />
            </label>
          ) : (
            text("user_id", "User")
          )}
          {text("agent_id", "Agent")}
          {text("run_id", "Run")}
          {text("min_importance", "Min importance", { type: "number", min: 0, max: 1, step: 0.05 })}
          {text("max_importance", "Max importance", { type: "number", min: 0, max: 1, step: 0.05 })}
          {text("created_after", "Created from", { type: "date" })}
          {text("created_before", "Created before", { type: "date" })}
          {text("topics", "Topics (comma-separated)")}
          {text("entities", "Entities (comma-separated)")}
          {text("metadata", "Metadata (key=value; …)")}
        </div>
        <fieldset class="types">
          <legend>Types</legend>
          {MEMORY_TYPES.map((t) => (
            <label key={t} class="check">
              <input
                type="checkbox"
                checked={form.memory_type.includes(t)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    memory_type: (e.currentTarget as HTMLInputElement).checked
                      ? [...form.memory_type, t]
                      : form.memory_type.filter((x) => x !== t),
                  })
                }
              />
              {t}
            </label>
          ))}
          <label class="check">
            <input
              type="checkbox"
              checked={form.include_superseded}
              onChange={(e) => setForm({ ...form, include_superseded: (e.currentTarget as HTMLInputElement).checked })}
            />
            include superseded
          </label>
        </fieldset>
      </details>
    </form>
  );
}
