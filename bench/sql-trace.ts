/**
 * For the benches (BENCH_TRACE=1): the time of every SQL statement sent through `pg`, summed by its text, and a CPU
 * profile of the measured step (node:inspector), written as a .cpuprofile. Imported before the first query: the
 * pool's connections bind `query` when they open.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import pg from "pg";

const stats = new Map<string, { n: number; ms: number }>();
let tracing = false;
export const setTracing = (on: boolean) => {
  tracing = on;
};

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function (this: pg.Client, ...args: unknown[]) {
  const result = original.apply(this, args);
  if (!tracing || !(result instanceof Promise)) return result;
  const first = args[0] as string | { text?: string } | undefined;
  const key = (typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").slice(0, 140);
  const t0 = performance.now();
  return result.then((value: unknown) => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n += 1;
    s.ms += performance.now() - t0;
    stats.set(key, s);
    return value;
  });
};

export function report() {
  let total = 0;
  for (const s of stats.values()) total += s.ms;
  console.log(`SQL dans les transactions : ${total.toFixed(0)} ms`);
  for (const [text, s] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(`${s.ms.toFixed(0).padStart(7)} ms ${String(s.n).padStart(5)}× ${text}`);
}

const session = new Session();
export async function startProfile() {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
export async function stopProfile(file: string) {
  const { profile } = await session.post("Profiler.stop");
  fs.writeFileSync(file, JSON.stringify(profile));
}

/** Self time per file of a .cpuprofile, the idle time and the garbage collector included. */
export function summarise(file: string) {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as {
    nodes: { id: number; callFrame: { url: string; functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const byFile = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const frame = nodes.get(id)!.callFrame;
    const name = ["(idle)", "(garbage collector)", "(program)"].includes(frame.functionName)
      ? frame.functionName
      : (frame.url || "(natif)").replace(/.*node_modules\//, "").replace(/^.*?\/(lib|bench)\//, "$1/");
    byFile.set(name, (byFile.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  console.log("Profil (temps propre par fichier) :");
  for (const [name, ms] of [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`${ms.toFixed(0).padStart(7)} ms ${name}`);
}
