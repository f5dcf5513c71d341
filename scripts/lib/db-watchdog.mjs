/**
 * `node db-watchdog.mjs <owner pid> <postmaster pid>`: started beside the embedded
 * PostgreSQL by the script that started it (scripts/lib/database.ts). When that
 * script dies without stopping it (SIGKILL…), this process is re-parented: it asks
 * PostgreSQL for a fast shutdown (SIGINT) and ends. It ends on its own when
 * PostgreSQL stops. The owner's pid is given, not read from process.ppid: the owner
 * may die while this process is still loading.
 */
const owner = Number(process.argv[2]);
const postmaster = Number(process.argv[3]);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function check() {
  if (!alive(postmaster)) process.exit(0);
  if (process.ppid !== owner) {
    try {
      process.kill(postmaster, "SIGINT");
    } catch {
      // already gone
    }
    process.exit(0);
  }
}
setInterval(check, 500);
check();
