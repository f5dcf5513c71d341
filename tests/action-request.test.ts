import { describe, expect, it } from "vitest";
import { actionHostedAt, BAD_PART_HEADER, modelRefusal, multipartRefusal, pageOfWorker, UNREADABLE } from "@/lib/http/action-request";

/* Issue 21: the bodies Next.js's decoder answered 500 to are refused by proxy.ts first; what React writes passes. */

const boundary = "----limite";
const multipart = (...parts: string[]) =>
  new TextEncoder().encode(`${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join("")}--${boundary}--\r\n`);
const field = (name: string, value: string) => `Content-Disposition: form-data; name="${name}"\r\n\r\n${value}`;
const file = (fileName: string) =>
  `Content-Disposition: form-data; name="1_file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4`;
const TYPE = `multipart/form-data; boundary=${boundary}`;

describe("server-action bodies (proxy.ts)", () => {
  it("refuses the arguments React never writes: not an array, a reference to a missing part, too deep, a huge bigint", () => {
    for (const body of [
      "null",
      "42",
      '"x"',
      '{"a":1}',
      '["$Q1"]',
      '["$1"]',
      '["$@2"]',
      '["$h1"]',
      '["$F1"]',
      '["$"]',
      `[${"[".repeat(5000)}${"]".repeat(5000)}]`,
      `["$n${"1".repeat(301)}"]`,
      "pas du json",
    ]) {
      expect([body.slice(0, 20), modelRefusal(body, new Set(), true)]).toEqual([body.slice(0, 20), UNREADABLE]);
    }
  });

  it("lets through what our forms send: objects, escaped dollars, dates, undefined, a FormData's entries, a part that is there", () => {
    for (const body of [
      "[]",
      '[{"name":"Lou","note":"$$5"}]',
      '[{"d":"$D2026-01-01T00:00:00.000Z","u":"$undefined","n":"$n12"}]',
      '["$K1"]',
      `[${"[".repeat(20)}${"]".repeat(20)}]`,
    ]) {
      expect(modelRefusal(body, new Set(), true)).toBeNull();
    }
    expect(modelRefusal('["$Q1"]', new Set(["0", "1"]), true)).toBeNull();
  });

  it("reads a multipart body as Next.js does: broken, without arguments, or a control character in a file's name is refused", async () => {
    expect(await multipartRefusal(multipart(field("0", '["$K1"]'), field("1_body", "Bonjour"), file("scan été.pdf")), TYPE)).toBeNull();
    const cut = new TextEncoder().encode(`--${boundary}\r\n${field("0", '["$K1"]')}\r\n--${boundary}\r\nContent-Disp`);
    expect(await multipartRefusal(cut, TYPE)).toBe(UNREADABLE);
    expect(await multipartRefusal(multipart(field("1_body", "Bonjour")), TYPE)).toBe(UNREADABLE);
    expect(await multipartRefusal(multipart(field("0", "null")), TYPE)).toBe(UNREADABLE);
    expect(await multipartRefusal(multipart(field("0", "[]"), file("a\u0000b.pdf")), TYPE)).toBe(BAD_PART_HEADER);
    expect(await multipartRefusal(multipart(field("0", "[]"), file("a\u0007b.pdf")), TYPE)).toBe(BAD_PART_HEADER);
    expect(await multipartRefusal(multipart(field("0", "[]")), "multipart/form-data")).toBe(UNREADABLE);
  });

  it("knows which page holds an action, from the build's manifests", () => {
    expect(pageOfWorker("app/mes-messages/[threadId]/page")).toBe("/mes-messages/[threadId]");
    expect(pageOfWorker("app/(parent)/mes-envois/page")).toBe("/mes-envois");
    expect(pageOfWorker("app/page")).toBe("/");
    const map = {
      routes: [
        { page: "/mes-envois", pattern: /^\/mes-envois(?:\/)?$/ },
        { page: "/mes-messages/[threadId]", pattern: /^\/mes-messages\/([^/]+?)(?:\/)?$/ },
      ],
      hosts: new Map([["a1", new Set(["/mes-messages/[threadId]"])]]),
    };
    expect(actionHostedAt(map, "/mes-messages/abc", "a1")).toBe(true);
    expect(actionHostedAt(map, "/mes-envois", "a1")).toBe(false);
    expect(actionHostedAt(map, "/nulle-part", "a1")).toBe(false);
    expect(actionHostedAt(map, "/mes-messages/abc", "b2")).toBe(false);
    expect(actionHostedAt(null, "/mes-envois", "a1")).toBeNull();
  });
});
