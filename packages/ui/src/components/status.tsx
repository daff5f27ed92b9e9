// Loading, empty and error states, and a hook that loads data with all three.
import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { messageOf } from "../api.js";

/** A labelled spinner for loading states. */
export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label}…
    </p>
  );
}

/** An API error with its message, announced to screen readers. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div class="error" role="alert">
      <strong>Error:</strong> {messageOf(error)}
      {onRetry ? (
        <button type="button" class="ghost" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}

/** An empty state with a hint. */
export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

/** The state of a load. */
export type Loaded<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; data: T };

/**
 * Runs `load` when `deps` change; `reload` runs it again. The latest run wins: a new run aborts the one
 * before, and an answer that still comes for an aborted run is dropped, never shown over a newer one.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    setState({ status: "loading" });
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ status: "ok", data }),
      (error: unknown) => !ctl.signal.aborted && setState({ status: "error", error }),
    );
    return () => ctl.abort();
  }, [...deps, tick]);
  return [state, useCallback(() => setTick((t) => t + 1), [])];
}

/** Renders a load: spinner, error with retry, or `children(data)`. */
export function Show<T>({
  state,
  retry,
  label,
  children,
}: {
  state: Loaded<T>;
  retry?: () => void;
  label?: string;
  children: (data: T) => ComponentChildren;
}) {
  if (state.status === "loading") return <Spinner {...(label ? { label } : {})} />;
  if (state.status === "error") return <ErrorBox error={state.error} {...(retry ? { onRetry: retry } : {})} />;
  return <>{children(state.data)}</>;
}
