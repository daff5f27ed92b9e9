import type { CortexMemConfig } from "../config/schema.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import { addRegisteredName, registeredNames, unknownNameError } from "./provider-names.js";
import type { PortKind } from "./provider-names.js";

/** Builds one implementation of a port from the resolved config. */
export type PortFactory<T> = (config: CortexMemConfig) => T;

/**
 * Implementations of one port by name (`store.kind`, `embedding.provider`, `llm.provider`):
 * `createMemory` looks the configured name up here instead of switching on it, and a library user
 * registers their own implementation the same way core registers its built-in ones.
 */
export class PortRegistry<T> {
  readonly port: PortKind;
  readonly #factories = new Map<string, PortFactory<T>>();

  constructor(port: PortKind, builtins: Record<string, PortFactory<T>>) {
    this.port = port;
    for (const [name, factory] of Object.entries(builtins)) this.#factories.set(name, factory);
  }

  /**
   * Registers `factory` under `name`; the config accepts the name from then on. A name already
   * registered is a `VALIDATION` error unless `replace` is set (to swap a built-in one, e.g. in tests).
   */
  register(name: string, factory: PortFactory<T>, options: { replace?: boolean } = {}): void {
    if (!/^[a-z][a-z0-9_-]*$/.test(name))
      throw new CortexMemError(ErrorCode.VALIDATION, `A ${this.port} name is lower-case letters, digits, - and _`, {
        details: [{ path: "name", message: `invalid name "${name}"` }],
      });
    if (this.#factories.has(name) && !options.replace)
      throw new CortexMemError(ErrorCode.VALIDATION, `A ${this.port} named "${name}" is already registered`, {
        details: [{ path: "name", message: "already registered; pass { replace: true } to replace it" }],
      });
    this.#factories.set(name, factory);
    addRegisteredName(this.port, name);
  }

  /** True when an implementation is registered under `name`. */
  has(name: string): boolean {
    return this.#factories.has(name);
  }

  /** The registered names: the built-in ones first. */
  names(): string[] {
    return registeredNames(this.port).filter((name) => this.#factories.has(name));
  }

  /** Builds the implementation registered under `name`; an unknown name is a `CONFIG` error listing the known ones. */
  create(name: string, config: CortexMemConfig): T {
    const factory = this.#factories.get(name);
    if (!factory) throw unknownNameError(this.port, name);
    return factory(config);
  }
}
