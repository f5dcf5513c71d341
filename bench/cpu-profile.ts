/**
 * Where a server's CPU went: reads the .cpuprofile files `node --cpu-prof` wrote (bench/rush.ts with
 * RUSH_CPU_PROF=<folder>) and prints the self time summed per function and per file (node_modules packages
 * grouped by package, Next.js's compiled bundles by bundle).
 *
 *   npx tsx bench/cpu-profile.ts <folder or file.cpuprofile> [lines]
 */
import fs from "node:fs";
import path from "node:path";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const target = process.argv[2];
const lines = Number(process.argv[3] ?? 30);
if (!target) throw new Error("usage : bench/cpu-profile.ts <dossier|fichier.cpuprofile> [lignes]");
const files = fs.statSync(target).isDirectory()
  ? fs
      .readdirSync(target)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(target, f))
  : [target];

/** node_modules/<pkg> (scoped too), next's compiled bundle, or the project's file. */
function place(url: string): string {
  if (!url) return "(natif / moteur)";
  const clean = url.replace(/^file:\/\//, "");
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(clean);
  if (nm) {
    if (nm[1] === "next") return `next/${nm[2]!.split("/").slice(0, 3).join("/")}`;
    return nm[1]!;
  }
  if (clean.startsWith("node:")) return clean;
  return path.relative(process.cwd(), clean);
}

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url);
    const fn = `${functionName || "(anonyme)"}  ${where}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    byPlace.set(where, (byPlace.get(where) ?? 0) + dt);
  });
}

const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, lines))
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
};
console.log(`${files.length} profil(s), ${(total / 1e6).toFixed(1)} s échantillonnées`);
show("Temps propre par fichier ou paquet", byPlace);
show("Temps propre par fonction", byFunction);
