// Writes docs/CONFIG.md from core's config schema (run `pnpm gen:config` after changing
// packages/core/src/config/schema.ts or aliases.ts; core's test `config-reference.test.ts` fails
// while the file is stale). The `init` template needs no step: the CLI generates it at run time.
import { writeFileSync } from "node:fs";
import { configReference } from "../packages/core/dist/config/index.js";

const target = new URL("../docs/CONFIG.md", import.meta.url);
writeFileSync(target, configReference());
console.log(`wrote ${target.pathname}`);
