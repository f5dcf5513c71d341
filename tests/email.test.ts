import { describe, expect, it } from "vitest";
import {
  backoffSeconds,
  claimDueEmails,
  deliverDueEmails,
  MAX_ATTEMPTS,
  type EmailSender,
  type OutgoingEmail,
} from "@/lib/email/deliver-emails";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountValidatedEmail, escapeHtml } from "@/lib/email/templates";
import { POST as standInPost } from "@/app/api/resend-stand-in/emails/route";
import { STAND_IN_API_KEY } from "@/lib/config";
import { CLIENT_IP_HEADER_ENV } from "@/lib/net/client-ip";
import { uniqueEmail } from "@/prisma/factories";
import { prisma } from "./helpers";

/** Records every call (what we asked the provider), and what a provider honouring idempotency keys would deliver. */
function fakeProvider() {
  const calls: OutgoingEmail[] = [];
  const delivered = new Map<string, OutgoingEmail>();
  const send: EmailSender = async (email) => {
    calls.push(email);
    if (!delivered.has(email.idempotencyKey)) delivered.set(email.idempotencyKey, email);
    return `msg_${email.idempotencyKey.slice(0, 8)}`;
  };
  return { calls, delivered, send };
}

async function enqueue(to: string) {
  return prisma.$transaction((tx) =>
    enqueueEmail(tx, { to, template: "test", email: accountValidatedEmail({ civility: "M", lastName: "Essai", firstName: "Paul" }) }),
  );
}

describe("e-mail outbox", () => {
  it("delivers pending e-mails and marks them sent", async () => {
    const to = uniqueEmail("courriel");
    const { id } = await enqueue(to);
    const provider = fakeProvider();
    expect(await deliverDueEmails(provider.send, 20, [id])).toEqual({ sent: 1, failed: 0 });
    expect(await prisma.emailOutbox.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT", attempts: 1 });
    expect(provider.calls.map((e) => e.to)).toEqual([to]);
    expect(await deliverDueEmails(provider.send, 20, [id])).toEqual({ sent: 0, failed: 0 });
    expect(provider.calls).toHaveLength(1);
  });

  it("retries with backoff, then gives up as FAILED (kept for staff to resend)", async () => {
    const { id } = await enqueue(uniqueEmail("panne"));
    const failing: EmailSender = async () => {
      throw new Error("service indisponible");
    };
    const before = Date.now();
    expect(await deliverDueEmails(failing, 20, [id])).toEqual({ sent: 0, failed: 1 });
    let row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastError: "Échec de l'envoi : « service indisponible »" });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 29_000);
    // Not due yet: nothing is tried.
    expect(await deliverDueEmails(failing, 20, [id])).toEqual({ sent: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await prisma.emailOutbox.update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
      await deliverDueEmails(failing, 20, [id]);
    }
    row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS });
    expect([backoffSeconds(1), backoffSeconds(2), backoffSeconds(3), backoffSeconds(20)]).toEqual([30, 60, 120, 3600]);
  });

  it("a worker killed mid-batch loses nothing and sends nothing twice", async () => {
    const recipients = [uniqueEmail("lot"), uniqueEmail("lot"), uniqueEmail("lot")];
    const ids: string[] = [];
    for (const to of recipients) ids.push((await enqueue(to)).id);
    const provider = fakeProvider();
    // The first worker claims the batch with the worker's own query, hands the first e-mail to
    // the provider, then dies before writing anything back.
    const claimed = await claimDueEmails(20, ids);
    expect(claimed.map((c) => c.id).sort()).toEqual([...ids].sort());
    await provider.send(claimed.find((c) => c.id === ids[0])!);
    // While its lease runs, another worker does not touch these rows: no call at all.
    expect(await deliverDueEmails(provider.send, 20, ids)).toEqual({ sent: 0, failed: 0 });
    expect(provider.calls).toHaveLength(1);
    // The lease expires: the next worker sends all three, once each, the first again with the
    // same idempotency key (so the provider delivers it once).
    await prisma.emailOutbox.updateMany({ where: { id: { in: ids } }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await deliverDueEmails(provider.send, 20, ids)).toEqual({ sent: 3, failed: 0 });
    expect(provider.calls).toHaveLength(4);
    const first = await prisma.emailOutbox.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(provider.calls.filter((c) => c.idempotencyKey === first.idempotencyKey)).toHaveLength(2);
    expect(new Set(provider.calls.map((c) => c.idempotencyKey)).size).toBe(3);
    expect([...provider.delivered.values()].map((e) => e.to).sort()).toEqual([...recipients].sort());
    expect(await prisma.emailOutbox.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(3);
    // Sent rows are never claimed again.
    expect(await deliverDueEmails(provider.send, 20, ids)).toEqual({ sent: 0, failed: 0 });
    expect(provider.calls).toHaveLength(4);
  });

  // Our server names the client-IP header at random per process; here the test plays that part.
  const IP_HEADER = "x-ip-test-0123";
  process.env[CLIENT_IP_HEADER_ENV] = IP_HEADER;
  const standIn = (options: {
    key?: string | null;
    auth?: string;
    ip?: string | null;
    body?: BodyInit;
    headers?: Record<string, string>;
  }) =>
    standInPost(
      new Request("http://localhost/api/resend-stand-in/emails", {
        method: "POST",
        headers: {
          authorization: options.auth ?? `Bearer ${STAND_IN_API_KEY}`,
          "content-type": "application/json",
          ...(options.key ? { "idempotency-key": options.key } : {}),
          ...(options.ip === null ? {} : { [IP_HEADER]: options.ip ?? "127.0.0.1" }),
          ...options.headers,
        },
        body: options.body,
      }),
    );

  it("the local Resend stand-in honours the idempotency key and checks the key", async () => {
    const to = uniqueEmail("stand-in");
    const request = (key: string | null, auth = `Bearer ${STAND_IN_API_KEY}`) =>
      standIn({ key, auth, body: JSON.stringify({ from: "a@exemple.fr", to: [to], subject: "Essai", html: "<p>x</p>", text: "x" }) });
    const key = `cle-${Date.now()}`;
    const a = await (await request(key)).json();
    const b = await (await request(key)).json();
    expect(a.id).toBe(b.id);
    expect(await prisma.standInEmail.count({ where: { to } })).toBe(1);
    expect((await request("autre", "Bearer faux")).status).toBe(401);
    expect(await prisma.standInEmail.count({ where: { to } })).toBe(1);
  });

  it("the stand-in answers only this machine, with this installation's key, and a bounded body", async () => {
    const to = uniqueEmail("stand-in-garde");
    const body = JSON.stringify({ from: "a@exemple.fr", to, subject: "Essai", text: "x" });
    // The old public key, a remote caller, a caller whose address is unknown: refused, nothing stored.
    expect((await standIn({ auth: "Bearer re_stand_in_local", body })).status).toBe(401);
    expect((await standIn({ ip: "203.0.113.9", body })).status).toBe(403);
    expect((await standIn({ ip: null, body, headers: { "x-forwarded-for": "127.0.0.1" } })).status).toBe(403);
    expect(STAND_IN_API_KEY).not.toBe("re_stand_in_local");
    expect(STAND_IN_API_KEY.length).toBeGreaterThan(30);
    // 5 MB, declared or not: refused without being stored.
    const huge = JSON.stringify({ from: "a@exemple.fr", to, subject: "Gros", text: "x".repeat(5 * 1024 * 1024) });
    expect((await standIn({ body: huge })).status).toBe(413);
    const stream = new Blob([huge]).stream();
    expect(
      (
        await standInPost(
          new Request("http://localhost/api/resend-stand-in/emails", {
            method: "POST",
            body: stream,
            duplex: "half",
            headers: { authorization: `Bearer ${STAND_IN_API_KEY}`, [IP_HEADER]: "::1" },
          } as RequestInit & { duplex: "half" }),
        )
      ).status,
    ).toBe(413);
    expect((await standIn({ body: "pas du json" })).status).toBe(422);
    expect(await prisma.standInEmail.count({ where: { to } })).toBe(0);
    expect((await standIn({ ip: "::ffff:127.0.0.1", body })).status).toBe(200);
    expect(await prisma.standInEmail.count({ where: { to } })).toBe(1);
  });

  it("escapes what families typed in the HTML part", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    const email = accountValidatedEmail({ civility: "MME", lastName: "<b>", firstName: "Ève" });
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain("&lt;b&gt;");
  });
});
