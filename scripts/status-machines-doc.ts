/**
 * `npx tsx scripts/status-machines-doc.ts`: rewrites docs/status-machines.md from lib/workflow/machines.ts
 * (run it after changing a machine or a named set; tests/status-machines-doc.test.ts checks it was).
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/app-env";
import { STATUS_MACHINES_DOC, statusMachinesMarkdown } from "./lib/status-machines-doc";

fs.writeFileSync(path.join(ROOT, STATUS_MACHINES_DOC), statusMachinesMarkdown(ROOT));
console.log(`[docs] ${STATUS_MACHINES_DOC} réécrit depuis lib/workflow/machines.ts`);
