import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { jsonDepth, LIMITS } from "./limits.js";

const PROTO = "__proto__";
const ESCAPE = "\u0000";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const rename = (v: Record<string, unknown>, key: (k: string) => string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [key(k), x]));

/**
 * Free JSON metadata, kept exactly as given. zod's records drop a `__proto__` key (so the object
 * they build keeps its prototype), which silently loses a key the caller sent; here it is carried
 * through under an escaped name and restored as an ordinary own property (`Object.fromEntries`
 * never touches the prototype). Keys starting with the escape character are escaped too.
 */
export const metadataSchema = lazySchema(
  () =>
    z
      .preprocess(
        (v) => (isObject(v) ? rename(v, (k) => (k === PROTO || k.startsWith(ESCAPE) ? ESCAPE + k : k)) : v),
        z.record(z.string(), z.unknown()),
      )
      .refine((v) => jsonDepth(v, LIMITS.metadataDepth) <= LIMITS.metadataDepth, {
        message: `nested deeper than ${LIMITS.metadataDepth} levels`,
      })
      .overwrite((v) => rename(v, (k) => (k.startsWith(ESCAPE) ? k.slice(1) : k))) as unknown as z.ZodType<
      Record<string, unknown>,
      Record<string, unknown>
    >,
); // callers still type metadata as an object
