// A modal confirmation (native <dialog>: focus trapped, Escape closes). With `typed`, the user must
// type that text before the action is enabled.
import { useEffect, useRef, useState } from "preact/hooks";

/** Props of {@link ConfirmDialog}. */
export interface ConfirmProps {
  title: string;
  message: string;
  action: string;
  /** Text the user must type to confirm. */
  typed?: string;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a destructive action. */
export function ConfirmDialog({ title, message, action, typed, onConfirm, onClose }: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const ok = typed === undefined || text === typed;
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="confirm-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ok) return;
          onConfirm();
          ref.current?.close();
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <p>{message}</p>
        {typed !== undefined ? (
          <label>
            Type <code>{typed}</code> to confirm
            <input
              value={text}
              onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
              autoComplete="off"
            />
          </label>
        ) : null}
        <div class="actions">
          <button type="button" class="ghost" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" class="danger" disabled={!ok}>
            {action}
          </button>
        </div>
      </form>
    </dialog>
  );
}
