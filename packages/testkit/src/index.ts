// Public surface of @cortex-mem/testkit: offline test helpers shared by every package.

export { bundledModules } from "./bundled-modules.js";
export { startFakeOpenAI } from "./fake-openai.js";
export { DEFAULT_DIMENSIONS, decodeFloat32Base64, encodeFloat32Base64, hashEmbedding } from "./hash-embedding.js";
export { MODULE_TRACE_REGISTER, tracedModules } from "./module-trace.js";
export { FAKE_MODEL } from "./openai-shapes.js";
export { seededRandom } from "./seeded-random.js";
export { semanticEmbedding } from "./semantic-embedding.js";
export type {
  FakeChatRequest,
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeTokenTally,
  RecordedRequest,
  RequestKind,
  ScriptedReply,
} from "./types.js";
export { consoleSteps, guideBlocks, GuideIds } from "./guide.js";
export type { ConsoleStep, GuideBlock } from "./guide.js";
