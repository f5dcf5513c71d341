import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

/** Children still running: a shutdown stops them instead of leaving them orphaned. */
const running = new Set<ChildProcess>();

/** Makes every Node.js process of a child's tree stop when its own parent dies (parent-guard.mjs). */
export const PARENT_GUARD = `--import=${pathToFileURL(path.join(__dirname, "parent-guard.mjs")).href}`;

export function guarded(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const current = env.NODE_OPTIONS ?? "";
  return {
    ...env,
    NODE_OPTIONS: current.includes(PARENT_GUARD) ? current : `${current} ${PARENT_GUARD}`.trim(),
    // Whose death stops the child: this process (read by parent-guard.mjs).
    PORTAIL_PARENT_PID: String(process.pid),
  };
}

/**
 * Runs a command to the end; resolves with its exit code. A Node.js child (and
 * its own children) stops by itself if this process dies without stopping it.
 */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options, env: guarded(options.env ?? process.env) });
    running.add(child);
    child.on("error", (error) => {
      running.delete(child);
      reject(error);
    });
    child.on("exit", (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function mustRun(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} a échoué (code ${code})`);
}

/** Sends SIGTERM to every running child and waits (at most `ms`) for them to end. */
export async function stopChildren(ms = 10_000): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            child.kill("SIGKILL");
            resolve();
          }, ms);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}
