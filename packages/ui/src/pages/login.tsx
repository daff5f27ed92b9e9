// Sign in with an API key (the same keys any client uses). The key stays in this tab only.
import { useState } from "preact/hooks";
import { messageOf } from "../api.js";
import { probe } from "../session.js";

/** The sign-in form. */
export function Login({
  error,
  onSignedIn,
}: {
  error?: string | undefined;
  onSignedIn: (boundUser: string | undefined) => void;
}) {
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(error);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const { boundUser } = await probe(key.trim());
      onSignedIn(boundUser);
    } catch (err) {
      setFailure(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="center">
      <form class="card login" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          Cortex Memory <span>Insights</span>
        </h1>
        <p>
          Sign in with an API key of this service (<code>server.api_keys</code>). A key bound to a user shows only that
          user.
        </p>
        <label>
          API key
          <input
            type="password"
            name="api-key"
            value={key}
            required
            autoFocus
            autoComplete="current-password"
            onInput={(e) => setKey((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {failure ? (
          <p class="error" role="alert">
            {failure}
          </p>
        ) : null}
        <button type="submit" disabled={busy || key.trim() === ""}>
          {busy ? "Checking…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
