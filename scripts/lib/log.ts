/**
 * The server's log. In production (`npm run serve`) one JSON line per event (pino): every console line of the app
 * becomes one, and every request gets one (request id, method, route, status, duration, user id). Never a password,
 * a token or a document: the route is the path without its query string (links with a token carry it there), and
 * no header or body is logged. In the demo (`npm start`) the console stays human-readable, without request lines.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { format } from "node:util";
import pino from "pino";

export type Logger = pino.Logger;

let logger: Logger | null = null;

/** Turns the console of this process (the app's included) into JSON lines. */
export function switchToJsonLogs(destination?: pino.DestinationStream): Logger {
  logger = pino({ base: { service: "portail-famille" }, timestamp: pino.stdTimeFunctions.isoTime, messageKey: "msg" }, destination);
  const to =
    (level: "info" | "warn" | "error" | "debug") =>
    (...args: unknown[]) =>
      logger![level](format(...args).trim());
  console.log = to("info");
  console.info = to("info");
  console.warn = to("warn");
  console.error = to("error");
  console.debug = to("debug");
  return logger;
}

/** The path only: a query string may hold a one-time token (?jeton=…). */
export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** A request id: the proxy's X-Request-Id when it is a plausible one (behind a trusted proxy only), else a new one. */
export function requestIdOf(req: http.IncomingMessage, trustedPeer: boolean): string {
  const given = req.headers["x-request-id"];
  if (trustedPeer && typeof given === "string" && /^[\w.-]{8,128}$/.test(given)) return given;
  return randomUUID();
}

/** One line when the response is finished (or the client went away). */
export function logRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: { requestId: string; started: bigint; user: () => string | undefined },
): void {
  if (!logger) return;
  const log = logger;
  let done = false;
  const line = (aborted: boolean) => {
    if (done) return;
    done = true;
    const durationMs = Number((process.hrtime.bigint() - context.started) / BigInt(1_000_000));
    const status = aborted && !res.writableFinished ? 499 : res.statusCode;
    const entry = { requestId: context.requestId, method: req.method, route: routeOf(req.url), status, durationMs, userId: context.user() };
    if (status >= 500) log.error(entry, "requête");
    else log.info(entry, "requête");
  };
  res.once("finish", () => line(false));
  res.once("close", () => line(true));
}
