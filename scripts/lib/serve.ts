/**
 * The app's HTTP server: Next.js behind a plain Node server of ours, so that
 *  - the port is taken first (a busy port is reported before any work),
 *  - the visitor's IP is resolved here, from the socket and, only for proxies
 *    listed in TRUSTED_PROXIES, from X-Forwarded-For (proxy-addr), then handed
 *    to the app in a header whose name is random per process (lib/net/client-ip.ts),
 *  - a stop closes it cleanly (scripts/lib/lifecycle.ts),
 *  - a request that failed because the database is down or saturated answers
 *    503 with Retry-After, where Next.js would say 500 (lib/request-faults.ts).
 */
import http from "node:http";
import os from "node:os";
import path from "node:path";
import cluster, { type Worker } from "node:cluster";
import { randomBytes } from "node:crypto";
import proxyaddr from "proxy-addr";
import { StartError } from "./lifecycle";
import { CLIENT_IP_HEADER_ENV } from "../../lib/net/client-ip";
import { requestFaults, type RequestFaults } from "../../lib/request-faults";
import { logRequest, requestIdOf } from "./log";

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** TRUSTED_PROXIES: addresses or CIDR ranges, or proxy-addr's names (loopback, uniquelocal…), comma-separated. */
export function trustedProxies(value = process.env.TRUSTED_PROXIES ?? ""): string[] {
  const list = value.split(/[\s,]+/).filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new StartError(
      `TRUSTED_PROXIES contient une valeur invalide (${error instanceof Error ? error.message : String(error)}). ` +
        `Exemple : TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8`,
    );
  }
  return list;
}

const STARTING_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Démarrage en cours</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Le Portail Famille démarre</h1><p>Le service sera disponible dans quelques instants. Rechargez la page dans une minute.</p>
</body></html>`;

export interface PortalServer {
  attach(handler: Handler): void;
  close(): Promise<void>;
}

/** Takes the port at once and answers « démarre » (503) until the app is attached. */
export function listen(port: number): Promise<PortalServer> {
  let handler: Handler | null = null;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { "content-type": "text/html; charset=utf-8", "retry-after": "30" });
    res.end(STARTING_PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new StartError(
            `Le port ${port} est déjà utilisé (une autre instance du portail, ou un autre programme). ` +
              `Arrêtez-la, ou choisissez un autre port : PORT=${port + 1} npm start`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(new StartError(`Le port ${port} est réservé : choisissez un port au-dessus de 1024, par exemple PORT=3000.`));
      } else reject(error);
    });
    server.listen(port, () =>
      resolve({
        attach(next) {
          handler = next;
        },
        close() {
          return new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      }),
    );
  });
}

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * Prepares each request for the app: forwarding headers are dropped unless the
 * peer is a trusted proxy, and the visitor's address (the socket's, or the
 * first untrusted hop of X-Forwarded-For behind trusted proxies) is put in
 * `ipHeader`, overwriting whatever the visitor sent under that name.
 */
export function clientIpFilter(trusted: string[], ipHeader: string): (req: http.IncomingMessage) => void {
  const compiled = proxyaddr.compile(trusted);
  return (req) => {
    const peer = req.socket.remoteAddress ?? "";
    if (!compiled(peer, 0)) for (const name of FORWARDED) delete req.headers[name];
    req.headers[ipHeader] = proxyaddr(req, compiled);
  };
}

/** How long a client should wait before retrying while the database is unavailable. */
const RETRY_AFTER_SECONDS = "30";

/**
 * Next.js answers 500 to a page whose rendering threw, whatever the cause: when
 * the cause was the database (noted during the request by lib/db.ts), the status
 * becomes 503 (a temporary failure, to retry), with Retry-After.
 */
export function answerUnavailableAs503(res: http.ServerResponse, faults: { databaseUnavailable: boolean }): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  res.writeHead = ((statusCode: number, ...rest: unknown[]) => {
    if (statusCode === 500 && faults.databaseUnavailable) {
      res.setHeader("retry-after", RETRY_AFTER_SECONDS);
      res.setHeader("cache-control", "no-store");
      return writeHead(503, ...rest);
    }
    return writeHead(statusCode, ...rest);
  }) as typeof res.writeHead;
}

/**
 * WEB_PROCESSES: how many processes serve HTTP on the port — 1 (the default: everything in this process), a number,
 * or « auto », one per core (ADR 041).
 */
export function webProcesses(value = process.env.WEB_PROCESSES ?? ""): number {
  const text = value.trim();
  if (text === "" || text === "1") return 1;
  if (text === "auto") return os.availableParallelism();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new StartError(`WEB_PROCESSES invalide : « ${value} ». Un nombre de processus (par exemple 4), ou « auto » (un par cœur).`);
  }
  return n;
}

/** The background tasks a second, third… web process leaves to the first one (ADR 041). */
const FIRST_PROCESS_ONLY = ["EMAIL_WORKER", "REMINDER_WORKER", "RETENTION_WORKER"] as const;

/**
 * Serves the app: in this process (WEB_PROCESSES=1), or in WEB_PROCESSES processes sharing the port through Node's
 * cluster (the primary accepts the connections and hands them to the processes in turn). Each process is a whole
 * server (scripts/web-process.ts): Next.js, its own pool of DB_POOL_SIZE connections. All their state is in
 * PostgreSQL, as for several servers (ADR 032). A process that dies is replaced; the primary's stop stops them.
 */
export async function serveNext(portal: PortalServer, options: { dir: string; port: number; logs: "json" | "text" }): Promise<number> {
  const count = webProcesses();
  if (count === 1) {
    await attachNext(portal, options);
    return 1;
  }
  // The port goes to the cluster: the processes listen on it together (a moment without answer, while they start).
  await portal.close();
  const profileDir = process.env.WEB_PROCESS_CPU_PROF;
  cluster.setupPrimary({
    exec: path.join(options.dir, "scripts", "web-process.ts"),
    execArgv: ["--import", "tsx", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
  });
  let stopping = false;
  const fork = (index: number): Promise<Worker> => {
    const env: Record<string, string> = { WEB_PROCESS_INDEX: String(index), WEB_PROCESS_LOGS: options.logs, PORT: String(options.port) };
    if (index > 0) for (const name of FIRST_PROCESS_ONLY) env[name] = "off";
    const worker = cluster.fork(env);
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      console.error(`[serve] processus web ${index + 1} arrêté (${signal ?? `code ${code}`}) : remplacé.`);
      void fork(index);
    });
    return new Promise((resolve, reject) => {
      worker.once("listening", () => resolve(worker));
      worker.once("exit", (code) => reject(new StartError(`Le processus web ${index + 1} s'est arrêté au démarrage (code ${code}).`)));
    });
  };
  const workers = await Promise.all([...Array(count).keys()].map(fork));
  onPrimaryStop(async () => {
    stopping = true;
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((done) => {
            if (worker.isDead()) return done();
            worker.once("exit", () => done());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
  });
  return count;
}

let primaryStop: (() => Promise<void>) | null = null;
const onPrimaryStop = (stop: () => Promise<void>) => {
  primaryStop = stop;
};
/** Stops the web processes (registered with onShutdown by the scripts that serve). */
export const stopWebProcesses = () => primaryStop?.() ?? Promise.resolve();

/** Loads the production build of Next.js in this process and hands it the requests. */
export async function attachNext(portal: PortalServer, options: { dir: string; port: number }): Promise<void> {
  const ipHeader = `x-portail-ip-${randomBytes(8).toString("hex")}`;
  const trusted = trustedProxies();
  const filter = clientIpFilter(trusted, ipHeader);
  const fromTrustedProxy = proxyaddr.compile(trusted);
  process.env[CLIENT_IP_HEADER_ENV] = ipHeader;
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: options.dir, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  portal.attach((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdOf(req, fromTrustedProxy(req.socket.remoteAddress ?? "", 0));
    filter(req);
    const faults: RequestFaults = { databaseUnavailable: false };
    res.setHeader("x-request-id", requestId);
    logRequest(req, res, { requestId, started, user: () => faults.userId });
    answerUnavailableAs503(res, faults);
    void requestFaults().run(faults, () => handle(req, res));
  });
}
