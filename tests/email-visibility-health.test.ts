import { describe, expect, it, vi } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { deliverDueEmails, describeSendError, MAX_ATTEMPTS, ProviderError, retryEmail, type EmailSender } from "@/lib/email/deliver-emails";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountRequestReceivedEmail } from "@/lib/email/templates";
import { getSenderStatus, senderWarning } from "@/lib/email/get-sender-status";
import { GET as health } from "@/app/api/sante/route";
import { uniqueEmail } from "@/prisma/factories";
import { prisma } from "./helpers";

/** Issue 8: a failing e-mail is visible at once, in French, and can be sent again at any time. */
async function enqueue(to: string) {
  return prisma.$transaction((tx) => enqueueEmail(tx, { to, template: "test", email: accountRequestReceivedEmail() }));
}

describe("a failing e-mail", () => {
  it("shows a French error and its next attempt; staff can send it again before then", async () => {
    const to = uniqueEmail("panne");
    const { id } = await enqueue(to);
    const failing: EmailSender = async () => {
      throw new ProviderError("The `to` field must be a valid email address");
    };
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await deliverDueEmails(failing, 20, [id]);
    quiet.mockRestore();
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: "Le service d'envoi a refusé l'e-mail : « The `to` field must be a valid email address »",
    });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    // Visible on /admin and in the mailbox: « échecs », with the last error (the sender runs here).
    vi.stubEnv("EMAIL_WORKER", "on");
    const warning = senderWarning(await getSenderStatus());
    expect(warning).toMatch(/^L'envoi des e-mails rencontre des échecs : \d+ e-mails? en attente d'une nouvelle tentative/);
    expect(warning).toContain("Dernière erreur : Le service d'envoi a refusé l'e-mail");
    vi.unstubAllEnvs();

    // « Renvoyer maintenant » while it waits: due at once, delivered at the next round.
    await retryEmail(id);
    expect((await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await deliverDueEmails(async () => "msg_ok", 20, [id])).toEqual({ sent: 1, failed: 0 });
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 2 });
    // Sent is final: a retry changes nothing.
    await retryEmail(id);
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 2 });
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it("counts as late an e-mail waiting for more than 5 minutes, not a fresher one (one statement, ADR 047)", async () => {
    // One « now » for both counts: the suite's own waiting e-mails (EMAIL_WORKER=off) cross the 5-minute mark while it
    // runs, and one crossing it between two clocks was counted as this test's.
    const now = new Date();
    const before = await getSenderStatus(now);
    const waiting = (minutes: number) =>
      prisma.emailOutbox.create({
        data: {
          idempotencyKey: uniqueEmail("attente"),
          template: "test",
          to: uniqueEmail("attente"),
          subject: "Attente",
          html: "<p>Attente</p>",
          text: "Attente",
          createdAt: new Date(now.getTime() - minutes * 60_000),
        },
      });
    const [old, fresh] = [await waiting(6), await waiting(4)];
    const after = await getSenderStatus(now);
    expect(after.late - before.late).toBe(1);
    expect(after.retrying).toBe(before.retrying);
    await prisma.emailOutbox.deleteMany({ where: { id: { in: [old.id, fresh.id] } } });
  });

  it("network failures say the service cannot be reached", () => {
    expect(describeSendError(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:3000") }))).toMatch(
      /^Service d'envoi injoignable \(réseau\)/,
    );
    expect(describeSendError(new ProviderError("Unable to fetch data. The request could not be resolved."))).toMatch(
      /^Service d'envoi injoignable/,
    );
  });

  it("with the sender off, staff are told how many e-mails wait", () => {
    expect(senderWarning({ workerOff: true, usesStandIn: true, retrying: 0, failed: 0, late: 3, lastError: null })).toBe(
      "L'envoi des e-mails est arrêté sur ce serveur (EMAIL_WORKER=off) : 3 e-mails attendent depuis plus de 5 minutes. Les familles ne reçoivent rien tant qu'il n'est pas relancé.",
    );
    expect(senderWarning({ workerOff: false, usesStandIn: true, retrying: 0, failed: 0, late: 0, lastError: null })).toBeNull();
  });
});

describe("/api/sante", () => {
  it("200 with the database; 503 « base indisponible » without it", async () => {
    const ok = await health(new Request("http://localhost/api/sante"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ statut: "ok", application: "ok", base: "ok" });

    const holder = globalThis as unknown as { prisma?: PrismaClient };
    const real = holder.prisma;
    holder.prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://x:y@127.0.0.1:9/none" }) });
    try {
      const down = await health(new Request("http://localhost/api/sante"));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ statut: "indisponible", base: "indisponible" });
    } finally {
      holder.prisma = real;
    }
  });
});
