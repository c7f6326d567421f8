/**
 * A tiny scriptable HTTP server on 127.0.0.1 (port 0) for provider tests.
 *
 * A route handler answers normal requests (each provider's fake serves its documented formats from
 * fixtures). Faults queued with {@link FakeServer.inject} are served first, in order, whatever the
 * path: a status with body and headers, a delay (for timeouts), or a dropped connection.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** What the server sends back. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as-is; anything else as JSON. */
  body?: unknown;
  /** Wait this long before answering (tests use it for timeouts). */
  delayMs?: number;
  /** Destroy the socket instead of answering (a network error). */
  drop?: boolean;
}

/** A request as the handler sees it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The full request target (path and query) as received. */
  rawUrl: string;
}

/** Answers a request that no injected fault took. */
export type FakeHandler = (req: FakeRequest) => FakeReply;

/** A running fake server. */
export interface FakeServer {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Every request received, in order. */
  requests: FakeRequest[];
  /** Queues `reply` to be served `times` times before normal handling. */
  inject(reply: FakeReply, times?: number): void;
  /**
   * Drops the faults still queued. A request the client gave up on before it reached the server
   * (a short timeout on a busy machine) leaves its fault behind for the next test otherwise.
   */
  clearInjected(): void;
  close(): Promise<void>;
}

/** Starts a server on an ephemeral loopback port. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const faults: FakeReply[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fr: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawUrl: req.url ?? '/',
    };
    requests.push(fr);
    let reply: FakeReply;
    try {
      reply = faults.length > 0 ? faults.shift()! : handler(fr);
    } catch (e) {
      reply = { status: 500, body: { error: `fake server handler threw: ${String(e)}` } };
    }
    const send = () => {
      if (reply.drop) {
        req.socket.destroy();
        return;
      }
      const body =
        reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      const headers: Record<string, string> = {
        'content-type': typeof reply.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
        ...reply.headers,
      };
      res.writeHead(reply.status ?? 200, headers);
      res.end(body);
    };
    if (reply.delayMs) {
      const t = setTimeout(send, reply.delayMs);
      res.on('close', () => clearTimeout(t));
    } else {
      send();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject(reply, times = 1) {
      for (let i = 0; i < times; i++) faults.push(reply);
    },
    clearInjected() {
      faults.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'providers');

/** Reads a fixture file under `test/fixtures/providers/` as text. */
export function fixtureText(relPath: string): string {
  return readFileSync(join(FIXTURES, relPath), 'utf8');
}

/** Reads and parses a JSON fixture under `test/fixtures/providers/`. */
export function fixtureJson<T = unknown>(relPath: string): T {
  return JSON.parse(fixtureText(relPath)) as T;
}
