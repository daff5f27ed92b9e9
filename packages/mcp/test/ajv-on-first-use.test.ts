import { describe, expect, it } from "vitest";
import { AjvJsonSchemaValidator } from "../src/ajv-on-first-use.js";

describe("AjvJsonSchemaValidator (ajv loaded on first use)", () => {
  it("checks values against a JSON Schema with the SDK's ajv validator, formats included", () => {
    const validator = new AjvJsonSchemaValidator();
    const check = validator.getValidator<{ email: string }>({
      type: "object",
      properties: { email: { type: "string", format: "email" } },
      required: ["email"],
    });
    expect(check({ email: "a@example.com" })).toEqual({
      valid: true,
      data: { email: "a@example.com" },
      errorMessage: undefined,
    });
    const bad = check({ email: "not an address" });
    expect(bad.valid).toBe(false);
    expect(bad.errorMessage).toMatch(/email/);
    expect(validator.getValidator({ type: "number" })("x").valid).toBe(false);
  });
});
