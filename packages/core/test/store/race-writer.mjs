// Child process of the cross-process condition tests. Waits for "go" on stdin, then:
//   update HOME ID VERSION TEXT  → a conditional update; prints "won" or the error code
//   add HOME USER TEXT           → adds TEXT verbatim; prints the event and id
import { createMemory, defineConfig } from "../../dist/index.js";

const [action, home, a, b, c] = process.argv.slice(2);
const memory = await createMemory(defineConfig({ home }));
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
try {
  if (action === "update") {
    await memory.update(a, { content: c }, { ifVersion: b });
    process.stdout.write("won\n");
  } else {
    const { results } = await memory.add(b, { userId: a, infer: false });
    process.stdout.write(`${results[0].event} ${results[0].id}\n`);
  }
} catch (error) {
  process.stdout.write(`${error.code ?? error.message}\n`);
} finally {
  await memory.close();
}
