import fs from "node:fs";
import path from "node:path";
import busboy from "next/dist/compiled/busboy";
import { UPLOAD_ACTION_BODY_LIMIT } from "@/lib/files/limits";

/*
 * What proxy.ts checks in a server action's body before Next.js decodes it. Next.js answers 500 (and logs a stack)
 * to a body its decoder cannot read; our pages only ever send what React's `encodeReply` writes, so anything else
 * is refused here with a short French message:
 *  - the arguments are a JSON array (`null`, `42` are not), at most MAX_DEPTH deep (5,000 nested arrays overflow
 *    the decoder's stack);
 *  - a `$` reference points to a part the body really has (`["$Q1"]` without a part 1 waits for it forever);
 *  - a multipart body is read by the very parser Next.js uses (busboy, shipped inside Next.js), so that a broken
 *    body, or a file name with a control character (« Malformed part header »), is refused here and not there.
 */

export const UNREADABLE = "Requête refusée : le contenu du formulaire est illisible.";
export const BAD_PART_HEADER =
  "Requête refusée : le nom d'un fichier envoyé contient un caractère invisible (caractère de contrôle). Renommez le fichier, puis envoyez-le à nouveau.";

/** Far deeper than any form of ours (an object in an array in the arguments), far below the decoder's stack. */
export const MAX_DEPTH = 32;

/** References that need no other part: an escaped « $ », undefined, NaN, ±Infinity, -0, a date, a bigint, a FormData's entries, a temporary reference. */
const SELF_CONTAINED = new Set(["$", "u", "N", "I", "-", "D", "n", "K", "T"]);
/** References to another part: a promise, a Map, a Set, an iterator, typed arrays, a Blob, streams. */
const TO_A_PART = new Set(["@", "Q", "W", "i", "A", "O", "o", "U", "S", "s", "L", "l", "G", "g", "M", "m", "V", "B", "R", "r", "X", "x"]);
const HEX = /^[0-9a-fA-F]+$/;

function referenceOk(value: string, parts: ReadonlySet<string>): boolean {
  const kind = value[1];
  if (kind === undefined) return false;
  if (kind === "n") return /^-?\d{1,300}$/.test(value.slice(2));
  if (SELF_CONTAINED.has(kind)) return true;
  // « $1 », « $1:path », or a kind then the part's id (hexadecimal). Server references ($h, $F) are never arguments of ours.
  const id = (TO_A_PART.has(kind) ? value.slice(2) : value.slice(1)).split(":")[0]!;
  return HEX.test(id) && parts.has(String(parseInt(id, 16)));
}

/**
 * Why a part of an action's body (JSON, as React writes it) cannot be one of ours, or null. `root` is the
 * arguments (part 0): an array. `parts` are the other parts' names (none for a text body).
 */
export function modelRefusal(text: string, parts: ReadonlySet<string>, root: boolean): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return UNREADABLE;
  }
  if (root && !Array.isArray(value)) return UNREADABLE;
  // Walked with a stack of our own: a deep body must not overflow ours either.
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === "string") {
      if (node.startsWith("$") && !referenceOk(node, parts)) return UNREADABLE;
    } else if (node !== null && typeof node === "object") {
      if (depth >= MAX_DEPTH) return UNREADABLE;
      for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why a multipart action body cannot be one of ours, or null: read with Next.js's own parser, then each JSON part checked. */
export async function multipartRefusal(body: Uint8Array, contentType: string): Promise<string | null> {
  const fields = new Map<string, string>();
  const names = new Set<string>();
  let badName = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = busboy({ headers: { "content-type": contentType }, limits: { fieldSize: UPLOAD_ACTION_BODY_LIMIT } });
      parser.on("field", (name, value) => {
        names.add(name);
        fields.set(name, value);
        if (CONTROL.test(name)) badName = true;
      });
      parser.on("file", (name, stream, info) => {
        names.add(name);
        if (CONTROL.test(name) || CONTROL.test(info.filename ?? "")) badName = true;
        stream.resume();
      });
      parser.on("error", reject);
      parser.on("close", resolve);
      parser.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
  } catch (error) {
    return error instanceof Error && /part header/i.test(error.message) ? BAD_PART_HEADER : UNREADABLE;
  }
  if (badName) return BAD_PART_HEADER;
  const root = fields.get("0");
  if (root === undefined) return UNREADABLE;
  for (const [name, value] of fields) {
    // Numbered parts are React's (JSON); « 1_file », « 1_body »… are a FormData's own entries (plain text).
    if (!/^\d+$/.test(name)) continue;
    const refusal = modelRefusal(value, names, name === "0");
    if (refusal) return refusal;
  }
  return null;
}

interface ActionMap {
  /** Every route of the build, most specific first (Next.js's own order and patterns). */
  routes: { page: string; pattern: RegExp }[];
  /** An action's id → the pages whose tree holds it. */
  hosts: Map<string, Set<string>>;
}

/** « app/mes-messages/[threadId]/page » → « /mes-messages/[threadId] » (route groups and slots are not in the URL). */
export function pageOfWorker(worker: string): string {
  const segments = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

export function readActionMap(distDir: string): ActionMap | null {
  try {
    const references = JSON.parse(fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
      node?: Record<string, { workers?: Record<string, unknown> }>;
      edge?: Record<string, { workers?: Record<string, unknown> }>;
    };
    const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "routes-manifest.json"), "utf8")) as {
      staticRoutes?: { page: string; regex: string }[];
      dynamicRoutes?: { page: string; regex: string }[];
    };
    const hosts = new Map<string, Set<string>>();
    for (const [id, entry] of [...Object.entries(references.node ?? {}), ...Object.entries(references.edge ?? {})]) {
      const pages = hosts.get(id) ?? new Set<string>();
      for (const worker of Object.keys(entry.workers ?? {})) pages.add(pageOfWorker(worker));
      hosts.set(id, pages);
    }
    const routes = [...(manifest.staticRoutes ?? []), ...(manifest.dynamicRoutes ?? [])].map((r) => ({
      page: r.page,
      pattern: new RegExp(r.regex),
    }));
    return { routes, hosts };
  } catch {
    return null;
  }
}

/**
 * Whether the page at `pathname` holds the action `actionId`: our forms post their action to the page they are on,
 * so an action posted elsewhere was not sent by one of our pages (Next.js would forward it to another page and
 * answer 200 `{}` with an uncaught exception in the log each time). Null when the build's manifests cannot be read.
 */
export function actionHostedAt(map: ActionMap | null, pathname: string, actionId: string): boolean | null {
  if (!map) return null;
  const pages = map.hosts.get(actionId);
  if (!pages) return false;
  const route = map.routes.find((r) => r.pattern.test(pathname));
  return route ? pages.has(route.page) : false;
}

let cached: ActionMap | null | undefined;

/** The production build's map, read once (a development server rebuilds its manifests: no check there). */
export function productionActionMap(): ActionMap | null {
  if (process.env.NODE_ENV !== "production") return null;
  cached ??= readActionMap(path.join(/* turbopackIgnore: true */ process.cwd(), process.env.NEXT_DIST_DIR ?? ".next"));
  return cached;
}
