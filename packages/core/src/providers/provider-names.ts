import { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import { closest } from "../util/did-you-mean.js";

/** The three ports chosen by name in the config. */
export type PortKind = "store" | "embedding" | "llm";

/**
 * The names core implements itself, defined once: the config schema, the registries and the docs
 * use these. Library users add their own with `registerStore` / `registerEmbedder` / `registerLlm`.
 */
export const BUILTIN_PROVIDERS = {
  store: ["sqlite", "qdrant"],
  embedding: ["local", "openai"],
  llm: ["none", "openai"],
} as const;

/** A store kind: a built-in one or a registered name. */
export type StoreKind = (typeof BUILTIN_PROVIDERS.store)[number] | (string & {});
/** An embedding provider: a built-in one or a registered name. */
export type EmbeddingProviderName = (typeof BUILTIN_PROVIDERS.embedding)[number] | (string & {});
/** An LLM provider: a built-in one or a registered name. */
export type LlmProviderName = (typeof BUILTIN_PROVIDERS.llm)[number] | (string & {});

/** The config key that names each port's implementation. */
export const PORT_CONFIG_KEYS: Record<PortKind, string> = {
  store: "store.kind",
  embedding: "embedding.provider",
  llm: "llm.provider",
};

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
