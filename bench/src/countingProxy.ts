import { createHash } from 'node:crypto';
import http from 'node:http';
import type { CallLog } from './callLog';

/** Answers a request itself (true), or leaves it to be forwarded (false). */
export type Intercept = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => Promise<boolean>;

export interface CountingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of one upstream that records every request in the call log:
 * the portal's backend is configured to reach the upstream through it, so the bench counts what
 * the upstream received. `preserveHost` keeps the Host header (Trino builds its `nextUri` from
 * it, so paging stays on the proxy); otherwise the upstream sees its own host (the CouchDB-API
 * server answers only its own).
 */
export async function startCountingProxy(options: {
  upstream: string;
  port: number;
  target: string;
  log: CallLog;
  preserveHost?: boolean;
  intercept?: Intercept;
}): Promise<CountingProxy> {
  const target = new URL(options.target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer(async (req, res) => {
    // Bodies are small (SQL, JSON): read whole, so a POST is told apart by what it sends
    // (one Trino query from another) and can still be forwarded.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const digest = body.length
      ? ` #${createHash('sha1').update(body).digest('hex').slice(0, 10)}`
      : '';
    options.log.record(
      options.upstream,
      req.method ?? 'GET',
      `${req.url ?? '/'}${digest}`,
    );
    const forward = () => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          agent,
          headers: {
            ...req.headers,
            host: options.preserveHost ? req.headers.host : target.host,
          },
        },
        answer => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', e => {
        if (!res.headersSent) res.writeHead(502);
        res.end(`bench proxy: ${options.upstream} unreachable: ${e.message}`);
      });
      upstream.end(body);
    };
    try {
      if (!(options.intercept && (await options.intercept(req, res))))
        forward();
    } catch (e) {
      if (!res.headersSent) res.writeHead(500);
      res.end(`bench proxy: ${(e as Error).message}`);
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    close: () =>
      new Promise(resolve => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
