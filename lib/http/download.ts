import { NextResponse } from "next/server";

/** A file to download: never shown inline, never cached, with an ASCII name (and the UTF-8 one for browsers that read it). */
export function attachment(body: string | Uint8Array, fileName: string, contentType: string) {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[^\w.-]+/g, "-")
    .replace(/-+/g, "-");
  return new NextResponse(typeof body === "string" ? body : Buffer.from(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
