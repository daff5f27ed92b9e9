import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIEmbedder } from "@cortex-mem/core/providers";
import { useInstalled } from "../../src/embedding/use-embedding.js";

const SERVER = fileURLToPath(new URL("../../dist/use-server.js", import.meta.url));
const installed = useInstalled();
const SKIP_REASON =
  "skipped: the Universal Sentence Encoder is not installed (npm ci --prefix bench/embedding-server; CI does not install it)";
/** The test's title, with why it is skipped when it is. */
const title = (t: string) => (installed ? t : `${t} (${SKIP_REASON})`);

let child: ChildProcess | undefined;
let baseUrl = "";
const log: string[] = [];

/** Spawns the built server on a free port and resolves once it says where it listens. */
function start(): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [SERVER, "--port", "0", "--batch", "3"], { stdio: ["ignore", "ignore", "pipe"] });
    child = c;
    c.on("error", reject);
    c.on("exit", (code) => reject(new Error(`use-server exited ${code}: ${log.join("")}`)));
    c.stderr?.setEncoding("utf8").on("data", (s: string) => {
      log.push(s);
      const url = /"baseUrl":"([^"]+)"/.exec(log.join(""))?.[1];
      if (url) resolve(url);
    });
  });
}
beforeAll(async () => {
  if (installed) baseUrl = await start();
});
afterAll(() => {
  child?.kill("SIGTERM");
});

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const embedder = () =>
  new OpenAIEmbedder({ baseUrl, apiKey: "bench", model: "use", batchSize: 4, timeoutMs: 30_000, maxRetries: 0 });

describe("the Universal Sentence Encoder endpoint (bench/dist/use-server.js)", () => {
  it.skipIf(!installed)(
    title("serves core's OpenAI embedder 512-d sentence vectors that know paraphrases"),
    async () => {
      const client = embedder();
      expect(await client.dimensions()).toBe(512);
      const [group, pride, alps, climb, stock] = await client.embed([
        "Caroline attended an LGBTQ support group.",
        "She went to a pride meeting.",
        "Bob went hiking in the Alps last summer.",
        "Which mountains did Bob climb?",
        "The stock market fell sharply on Tuesday.",
      ]);
      const v = [group, pride, alps, climb, stock] as Float32Array[];
      expect(v.map((x) => Math.hypot(...x))).toEqual(v.map(() => expect.closeTo(1, 5)));
      // Paraphrases without a shared word are closer than unrelated sentences.
      expect(cosine(v[0] as Float32Array, v[1] as Float32Array)).toBeGreaterThan(0.4);
      expect(cosine(v[2] as Float32Array, v[3] as Float32Array)).toBeGreaterThan(0.4);
      for (const [a, b] of [
        [0, 2],
        [1, 3],
        [0, 4],
        [3, 4],
      ] as const)
        expect(cosine(v[a] as Float32Array, v[b] as Float32Array)).toBeLessThan(0.3);
    },
  );

  it.skipIf(!installed)(title("answers the same vector as floats, alone or in a batch"), async () => {
    const text = "Melanie painted a sunrise over the lake.";
    const res = await fetch(`${baseUrl}/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ input: text, encoding_format: "float" }),
    });
    const body = (await res.json()) as { data: { embedding: number[] }[]; model: string };
    expect(body.model).toBe("universal-sentence-encoder-512");
    const [, inBatch] = await embedder().embed(["Something else entirely, said first.", text, "and a third"]);
    expect(body.data[0]?.embedding).toHaveLength(512);
    (body.data[0]?.embedding ?? []).forEach((x, i) => expect(inBatch?.[i]).toBeCloseTo(x, 6));
  });
});
