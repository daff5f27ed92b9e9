// An express 5 app with one route answering the same small JSON body as hello-server.ts, and
// express.json() body parsing as the service has: the cost of the framework alone, measured in
// the same run as the service, so the framework's share and ours are seen apart.
import express from "express";

const app = express();
app.disable("x-powered-by");
app.set("etag", false);
app.use(express.json({ limit: "1mb" }));
app.post("/memories/search", (_req, res) => {
  res.json({ results: [] });
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stderr.write(`${JSON.stringify({ msg: "listening", url: `http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
