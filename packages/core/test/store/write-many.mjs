// Child process for the multi-process test: adds N memories to the store in HOME as fast as it
// can and prints each acknowledged id on its own line.
import { createMemory, defineConfig } from "../../dist/index.js";

const [home, user, count] = process.argv.slice(2);
const memory = await createMemory(defineConfig({ home }));
for (let i = 0; i < Number(count); i++) {
  const { results } = await memory.add(`process ${user} item ${i} says hello`, { userId: user, infer: false });
  process.stdout.write(`${results[0].id}\n`);
}
await memory.close();
