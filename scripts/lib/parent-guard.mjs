/**
 * Loaded into every Node.js child of our scripts (NODE_OPTIONS=--import, see run.ts):
 * when the process that started it dies (even by SIGKILL, which it cannot pass on),
 * the child notices within half a second and stops itself — SIGTERM first (its own
 * clean stop: a transaction rolls back, a build ends), then a plain exit if that did
 * not end it. Linux's PR_SET_PDEATHSIG is not reachable from Node.js; this is its
 * stand-in.
 *
 * The parent's pid comes from the environment (PORTAIL_PARENT_PID, set by the
 * parent): read from process.ppid here, it would already name init if the parent
 * died while this child was still loading. Each guarded process names itself for
 * its own children. A shell between the two (ppid differs) is fine: only the named
 * parent's death counts.
 */
import fs from "node:fs";

function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== "EPERM") return false;
  }
  try {
    // A zombie has ended; it only waits for its own parent to read its exit code.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true; // no /proc: trust kill(pid, 0)
  }
}

const parent = Number(process.env.PORTAIL_PARENT_PID) || process.ppid;
process.env.PORTAIL_PARENT_PID = String(process.pid);

function check() {
  if (process.ppid === parent || alive(parent)) return;
  clearInterval(timer);
  process.kill(process.pid, "SIGTERM");
  setTimeout(() => process.exit(1), 5000).unref();
}
const timer = setInterval(check, 500);
timer.unref();
check();
