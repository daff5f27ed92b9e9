// What to optimize: strategy, scope (a bound key's user is fixed), memory type and an action limit.
import { useState } from "preact/hooks";
import { STRATEGIES } from "../optimizer-api.js";
import type { OptimizationRequest } from "../optimizer-api.js";
import { MEMORY_TYPES } from "../types.js";

/** The optimizer's request form; `onAnalyze` runs on submit with the request to preview. */
export function OptimizerForm({
  boundUser,
  busy,
  onAnalyze,
}: {
  boundUser: string | undefined;
  busy: boolean;
  onAnalyze: (request: OptimizationRequest) => void;
}) {
  const [strategy, setStrategy] = useState("full");
  const [userId, setUserId] = useState(boundUser ?? "");
  const [agentId, setAgentId] = useState("");
  const [memoryType, setMemoryType] = useState("");
  const [limit, setLimit] = useState("");
  const value = (e: Event): string => (e.currentTarget as HTMLInputElement).value;
  return (
    <form
      class="card filters wide"
      aria-label="What to optimize"
      onSubmit={(e) => {
        e.preventDefault();
        const n = Number.parseInt(limit, 10);
        onAnalyze({
          strategy,
          ...(userId.trim() ? { user_id: userId.trim() } : {}),
          ...(agentId.trim() ? { agent_id: agentId.trim() } : {}),
          ...(memoryType ? { memory_type: memoryType } : {}),
          ...(n > 0 ? { limit: n } : {}),
        });
      }}
    >
      <div class="fields">
        <label>
          Strategy
          <select value={strategy} onChange={(e) => setStrategy(value(e))}>
            {STRATEGIES.map(([s, what]) => (
              <option key={s} value={s}>
                {s} — {what}
              </option>
            ))}
          </select>
        </label>
        <label>
          User id
          <input
            value={userId}
            disabled={boundUser !== undefined}
            placeholder="every user"
            onInput={(e) => setUserId(value(e))}
          />
        </label>
        <label>
          Agent id
          <input value={agentId} placeholder="every agent" onInput={(e) => setAgentId(value(e))} />
        </label>
        <label>
          Memory type
          <select value={memoryType} onChange={(e) => setMemoryType(value(e))}>
            <option value="">every type</option>
            {MEMORY_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Apply at most (actions)
          <input type="number" min="1" step="1" value={limit} placeholder="all" onInput={(e) => setLimit(value(e))} />
        </label>
      </div>
      <div class="toolbar">
        <button type="submit" disabled={busy}>
          Analyze
        </button>
        <span class="muted small">Analyze is a dry run: it shows the plan and writes nothing.</span>
      </div>
    </form>
  );
}
