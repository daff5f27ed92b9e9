import * as z from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import { closest } from "../util/did-you-mean.js";
import { BUILTIN_PROVIDERS, PORT_CONFIG_KEYS } from "./builtin-providers.js";
import type { PortKind } from "./builtin-providers.js";

export { BUILTIN_PROVIDERS, PORT_CONFIG_KEYS } from "./builtin-providers.js";
export type { PortKind } from "./builtin-providers.js";

/** A store kind: a built-in one or a registered name. */
export type StoreKind = (typeof BUILTIN_PROVIDERS.store)[number] | (string & {});
/** An embedding provider: a built-in one or a registered name. */
export type EmbeddingProviderName = (typeof BUILTIN_PROVIDERS.embedding)[number] | (string & {});
/** An LLM provider: a built-in one or a registered name. */
export type LlmProviderName = (typeof BUILTIN_PROVIDERS.llm)[number] | (string & {});

const registered: Record<PortKind, Set<string>> = {
  store: new Set(BUILTIN_PROVIDERS.store),
  embedding: new Set(BUILTIN_PROVIDERS.embedding),
  llm: new Set(BUILTIN_PROVIDERS.llm),
};

/** The names a port knows now: the built-in ones, then the registered ones in registration order. */
export function registeredNames(port: PortKind): string[] {
  return [...registered[port]];
}

/** Records a name as known (called by the registries; the config schema accepts it from then on). */
export function addRegisteredName(port: PortKind, name: string): void {
  registered[port].add(name);
}

/** The message naming an unknown implementation: the key, a "did you mean", the registered names. */
export function unknownNameMessage(port: PortKind, name: string): string {
  const names = registeredNames(port);
  const suggestion = closest(name, names);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
  return `unknown ${PORT_CONFIG_KEYS[port]} "${name}"${hint} (registered: ${names.join(", ")})`;
}

/** `CONFIG` error for a name no implementation is registered under (the same code config validation uses). */
export function unknownNameError(port: PortKind, name: string): CortexMemError {
  return new CortexMemError(ErrorCode.CONFIG, `Invalid configuration: ${unknownNameMessage(port, name)}`, {
    details: [{ path: PORT_CONFIG_KEYS[port], message: unknownNameMessage(port, name) }],
  });
}

/** A config key naming an implementation: any registered name, checked when the config is parsed. */
export function portNameSchema(port: PortKind): z.ZodType<string> {
  return z
    .string()
    .min(1)
    .superRefine((name, ctx) => {
      if (!registered[port].has(name)) ctx.addIssue({ code: "custom", message: unknownNameMessage(port, name) });
    });
}

/**
 * Checks a name given outside the config (a flag such as `migrate --to`, a request field): the
 * name when a store/embedder/LLM is registered under it, else a `VALIDATION` error whose
 * `details[0].path` is `path` as the caller spelled it, with a "did you mean" and the registered names.
 */
export function checkPortName(port: PortKind, name: string, path: string): string {
  if (registered[port].has(name)) return name;
  const names = registeredNames(port);
  const suggestion = closest(name, names);
  const hint = suggestion ? `; did you mean "${suggestion}"?` : "";
  const message = `unknown ${port} "${name}"${hint} (registered: ${names.join(", ")})`;
  throw new CortexMemError(ErrorCode.VALIDATION, `${path}: ${message}`, { details: [{ path, message }] });
}
