// The library example of the repository README, line for line (test/examples/readme-example.test.ts
// checks that the README shows this code and that it prints what the README says).
import { createMemory, loadConfig } from "@cortex-mem/core";

const { config } = loadConfig({ env: process.env }); // defaults < cortex-mem.toml < env < overrides
const memory = await createMemory(config);

await memory.add("I'm vegetarian and allergic to peanuts", { userId: "alice", infer: false });
await memory.add(
  [
    { role: "user", content: "We adopted a puppy yesterday!", timestamp: "2024-05-08T10:00:00Z" },
    { role: "assistant", content: "Congratulations!" },
  ],
  { userId: "alice" }, // infer: extract facts (LLM when configured, rules otherwise)
);

for (const query of ["what is alice allergic to?", "when did alice adopt the puppy?", "what can alice not eat?"]) {
  const hits = await memory.search(query, { userId: "alice", limit: 5 });
  console.log(query, hits.map((h) => `${h.score.toFixed(2)} ${h.content}`));
}

await memory.close();
