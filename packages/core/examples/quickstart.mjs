// The main job with the embedded defaults (no keys, no servers): add a few memories for a user,
// then search them. Data goes to $CORTEX_MEM_HOME (default ~/.cortex-mem).
import { createMemory, loadConfig } from "@cortex-mem/core";

const { config } = loadConfig({ env: process.env });
const memory = await createMemory(config);
try {
  const user = { userId: "alice" };
  for (const fact of [
    "I'm vegetarian and allergic to peanuts",
    "My favourite programming language is TypeScript",
    "I live in Lisbon with my cat Miso",
    "To deploy the blog, run `pnpm build` then push to the main branch",
  ]) {
    const { results } = await memory.add(fact, { ...user, infer: false });
    for (const r of results) console.log(`${r.event.padEnd(6)} ${r.id}  ${r.memory}`);
  }
  for (const query of ["what food should I avoid?", "how do I deploy the blog", "where does alice live"]) {
    console.log(`\nsearch: ${query}`);
    for (const hit of await memory.search(query, { ...user, limit: 2 })) {
      console.log(`  ${hit.score.toFixed(3)}  [${hit.memoryType}] ${hit.content}`);
    }
  }
} finally {
  await memory.close();
}
