import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { storeContract } from "./contract/store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "cortex-mem-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Real database files: the same location name opens the same file (a second connection).
storeContract("sqlite", { open: (location) => new SqliteStore({ path: join(dir, `${location}.db`) }) });
