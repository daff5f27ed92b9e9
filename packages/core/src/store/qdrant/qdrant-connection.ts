import type { QdrantClient } from "@qdrant/js-client-rest";
import { qdrantCall } from "./qdrant-errors.js";
import type { RetryPolicy } from "./qdrant-errors.js";

/** Where and how to reach a Qdrant server. */
export interface QdrantConnectionOptions {
  url: string;
  apiKey?: string;
  timeoutMs: number;
  retry: RetryPolicy;
}

/**
 * A Qdrant client with our error mapping around every call. The client library is imported
 * lazily, so users of the SQLite default never load it.
 */
export class QdrantConnection {
  readonly url: string;
  readonly #client: QdrantClient;
  readonly #retry: RetryPolicy;

  private constructor(url: string, client: QdrantClient, retry: RetryPolicy) {
    this.url = url;
    this.#client = client;
    this.#retry = retry;
  }

  /** Loads `@qdrant/js-client-rest` and builds a client (no request is made yet). */
  static async open(options: QdrantConnectionOptions): Promise<QdrantConnection> {
    const { QdrantClient: Client } = await qdrantCall(
      options.url,
      "load the Qdrant client",
      () => import("@qdrant/js-client-rest"),
      null,
    );
    const client = await qdrantCall(
      options.url,
      "configure the Qdrant client",
      async () =>
        new Client({
          url: options.url,
          timeout: options.timeoutMs,
          checkCompatibility: false,
          ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        }),
      null,
    );
    return new QdrantConnection(options.url, client, options.retry);
  }

  /** An idempotent call (a read, or a write of fixed ids): failures that may pass are retried with back-off. */
  call<T>(action: string, fn: (client: QdrantClient) => Promise<T>): Promise<T> {
    return qdrantCall(this.url, action, () => fn(this.#client), this.#retry);
  }

  /** A call tried once. */
  once<T>(action: string, fn: (client: QdrantClient) => Promise<T>): Promise<T> {
    return qdrantCall(this.url, action, () => fn(this.#client), null);
  }
}
