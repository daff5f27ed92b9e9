import { defineRoute } from "./route-spec.js";

/** `GET /openapi.json`. */
export const openApi = defineRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "openApi",
  summary: "This API as an OpenAPI 3.1 document, generated from the zod schemas the routes validate with",
  tag: "system",
  response: { status: 200, description: "The OpenAPI document", schema: undefined, contentType: "application/json" },
  errors: [],
  handle({ openApiDocument }, _req, res) {
    res.json(openApiDocument());
  },
});
