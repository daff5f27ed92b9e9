import { createRequire } from "node:module";
import type {
  JsonSchemaType,
  JsonSchemaValidator,
  jsonSchemaValidator,
} from "@modelcontextprotocol/sdk/validation/types.js";

type Provider = new () => jsonSchemaValidator;

/**
 * The SDK's ajv-based JSON Schema validator, loaded the first time a schema is checked instead of
 * at start-up (issue 14: ajv, ajv-formats and building their instance were ~10% of a stdio
 * session's CPU before `initialize` was answered). The SDK's server checks schemas only for
 * elicitation results, which this server never asks for. Loaded synchronously (the validator API
 * is synchronous) from the SDK's CommonJS build, resolved from this package's location.
 *
 * Named as the SDK's class on purpose: `scripts/bundle-bin.mjs` bundles this module in place of
 * the SDK's `validation/ajv-provider.js`, which the SDK's server imports eagerly.
 */
export class AjvJsonSchemaValidator implements jsonSchemaValidator {
  #inner: jsonSchemaValidator | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    if (!this.#inner) {
      const load = createRequire(import.meta.url);
      const { AjvJsonSchemaValidator: Ajv } = load("@modelcontextprotocol/sdk/validation/ajv") as {
        AjvJsonSchemaValidator: Provider;
      };
      this.#inner = new Ajv();
    }
    return this.#inner.getValidator<T>(schema);
  }
}
