/** The multipart parser Next.js ships and uses for server actions (busboy 1.x); only what lib/http/action-request.ts uses. */
declare module "next/dist/compiled/busboy" {
  import type { Readable, Writable } from "node:stream";
  interface FileInfo {
    filename: string | undefined;
    encoding: string;
    mimeType: string;
  }
  interface Busboy extends Writable {
    on(event: "field", listener: (name: string, value: string) => void): this;
    on(event: "file", listener: (name: string, stream: Readable, info: FileInfo) => void): this;
    on(event: "error", listener: (error: unknown) => void): this;
    on(event: "close", listener: () => void): this;
  }
  export default function busboy(config: { headers: Record<string, string>; limits?: { fieldSize?: number } }): Busboy;
}
