import { describe, expect, it } from "vitest";
import os from "node:os";
import { webProcesses } from "@/scripts/lib/serve";

/** WEB_PROCESSES (ADR 041): how many processes serve the port; a value it cannot read stops the start, in French. */
describe("WEB_PROCESSES", () => {
  it("is 1 when unset, a number as written, one per core with « auto »", () => {
    expect(webProcesses("")).toBe(1);
    expect(webProcesses(" 1 ")).toBe(1);
    expect(webProcesses("4")).toBe(4);
    expect(webProcesses("auto")).toBe(os.availableParallelism());
  });

  it("refuses what is not a whole number of processes between 1 and 256", () => {
    for (const value of ["0", "-2", "1.5", "deux", "257", "4 processus"]) {
      expect(() => webProcesses(value)).toThrow(/WEB_PROCESSES invalide : « .* »/);
    }
  });
});
