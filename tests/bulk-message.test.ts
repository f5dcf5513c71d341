import { describe, expect, it } from "vitest";
import { bulkMessage, DECIDED_REQUESTS } from "@/lib/bulk";

/** One message builder for every bulk decision: the texts the screens and the E2E read stay word for word. */
describe("bulkMessage", () => {
  it("says what was done, with the agreement of the count", () => {
    expect(bulkMessage({ done: ["a", "b", "c"], notDone: [] }, { done: DECIDED_REQUESTS.validate })).toBe("3 demandes validées.");
    expect(bulkMessage({ done: ["a"], notDone: [] }, { done: DECIDED_REQUESTS.refuse })).toBe("1 demande refusée.");
    expect(bulkMessage({ done: [], notDone: [] }, { done: DECIDED_REQUESTS.validate })).toBe("0 demande validée.");
  });

  it("says each item left by its own message (reservations, documents)", () => {
    const report = { done: ["a"], notDone: [{ id: "b", message: "Léa : le document a changé entre-temps, il n'a pas été décidé." }] };
    expect(bulkMessage(report, { done: ["document accepté", "documents acceptés"], then: "chaque famille est prévenue par e-mail" })).toBe(
      "1 document accepté ; chaque famille est prévenue par e-mail. Léa : le document a changé entre-temps, il n'a pas été décidé.",
    );
    expect(bulkMessage({ done: ["a", "b", "c"], notDone: [] }, { done: "2 annulations excusées, 1 annulation facturée" })).toBe(
      "2 annulations excusées, 1 annulation facturée.",
    );
  });

  it("counts the requests left when their message does not name them, with the first reason", () => {
    const report = {
      done: ["a"],
      notDone: [
        { id: "b", message: "Déjà traitée." },
        { id: "c", message: "Déjà traitée." },
      ],
    };
    expect(bulkMessage(report, { done: DECIDED_REQUESTS.validate, unnamed: true })).toBe(
      "1 demande validée. 2 non traitées : Déjà traitée.",
    );
  });
});
