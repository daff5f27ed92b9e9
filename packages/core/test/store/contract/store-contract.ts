import { randomUUID } from "node:crypto";
import { afterEach, describe } from "vitest";
import type { MemoryStore } from "../../../src/store/memory-store.js";
import { conditionsContract } from "./conditions-contract.js";
import { crudContract } from "./crud-contract.js";
import { DIMS, EMBEDDER } from "./fixtures.js";
import type { StoreBackend } from "./fixtures.js";
import { expiryContract } from "./expiry-contract.js";
import { queryContract } from "./query-contract.js";
import { transferContract } from "./transfer-contract.js";

/** What each part of the contract gets: fresh initialised stores, cleaned up after each test. */
export interface ContractContext {
  /** A fresh, empty store initialised with {@link DIMS} and {@link EMBEDDER}. */
  open(): Promise<MemoryStore>;
  /** A store at a location of its own (not initialised), and a second one over the same data. */
  pair(): { first: MemoryStore; second: () => MemoryStore };
}

/**
 * The store contract: every operation of `MemoryStore` with the semantics the engine relies on
 * (scope isolation, filters, pagination, history, transfer, unicode, large metadata, concurrent
 * writes). Every store implementation runs it against a real backend.
 */
export function storeContract(name: string, backend: StoreBackend): void {
  describe(`${name} store contract`, () => {
    const opened: { store: MemoryStore; location: string }[] = [];
    const locations = new Set<string>();
    const place = (): string => {
      const location = `contract_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
      locations.add(location);
      return location;
    };
    const track = (location: string): MemoryStore => {
      const store = backend.open(location);
      opened.push({ store, location });
      return store;
    };

    afterEach(async () => {
      for (const { store } of opened.splice(0)) await store.close();
      for (const location of [...locations]) await backend.destroy?.(location);
      locations.clear();
    });

    const ctx: ContractContext = {
      async open() {
        const store = track(place());
        await store.init({ dimensions: DIMS, embedder: EMBEDDER });
        return store;
      },
      pair() {
        const location = place();
        return { first: track(location), second: () => track(location) };
      },
    };
    crudContract(ctx);
    conditionsContract(ctx);
    queryContract(ctx);
    transferContract(ctx);
    expiryContract(ctx);
  });
}
