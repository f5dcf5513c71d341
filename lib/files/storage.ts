import "server-only";
import { mkdir, readFile, rm, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";

/*
 * Where documents live: never under public/, always read back through a route
 * that checks the session and the ownership. One small interface, two stores:
 * a local folder (`.data/files`, or FILES_DIR) by default, an S3-compatible
 * bucket when FILES_S3_ENDPOINT and FILES_S3_BUCKET are set. Keys are made by
 * the app (random, no user text), so a name can never climb out of the store.
 */

export interface FileStore {
  readonly kind: "local" | "s3";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** null when the key holds nothing. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9]{2}\/[a-z0-9]{32}$/;

/** A new key: two letters of fan-out, then 32 random characters. */
export function newFileKey(): string {
  const id = randomBytes(20)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .padEnd(32, "0")
    .slice(0, 32);
  return `${id.slice(0, 2)}/${id}`;
}

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Clé de fichier invalide : ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

export function localStore(root: string): FileStore {
  const where = (key: string) => path.join(root, ...checkedKey(key).split("/"));
  return {
    kind: "local",
    async put(key, bytes) {
      const file = where(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside then renamed: a reader never sees half a file.
      const partial = `${file}.${randomBytes(4).toString("hex")}.part`;
      await writeFile(partial, bytes, { mode: 0o600 });
      await rename(partial, file);
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(where(key)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(where(key), { force: true });
    },
  };
}

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function s3Store(settings: S3Settings): FileStore {
  const client = import("@aws-sdk/client-s3").then((s3) => ({
    s3,
    client: new s3.S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    }),
  }));
  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      const { s3, client: c } = await client;
      await c.send(new s3.PutObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key), Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      const { s3, client: c } = await client;
      try {
        const object = await c.send(new s3.GetObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key) }));
        return object.Body ? new Uint8Array(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if ((error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async delete(key) {
      const { s3, client: c } = await client;
      await c.send(new s3.DeleteObjectCommand({ Bucket: settings.bucket, Key: checkedKey(key) }));
    },
  };
}

/** The S3 settings from the environment, when an endpoint is configured. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3Settings | null {
  if (!env.FILES_S3_ENDPOINT || !env.FILES_S3_BUCKET) return null;
  return {
    endpoint: env.FILES_S3_ENDPOINT,
    bucket: env.FILES_S3_BUCKET,
    region: env.FILES_S3_REGION ?? "us-east-1",
    accessKeyId: env.FILES_S3_ACCESS_KEY_ID ?? "",
    secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY ?? "",
  };
}

let store: FileStore | null = null;

/** The store of this installation. */
export function fileStore(): FileStore {
  if (!store) {
    const s3 = s3SettingsFromEnv();
    // The folder is read at run time only (not traced into the build).
    store = s3
      ? s3Store(s3)
      : localStore(
          path.resolve(
            /* turbopackIgnore: true */ process.env.FILES_DIR ?? path.join(/* turbopackIgnore: true */ process.cwd(), ".data", "files"),
          ),
        );
  }
  return store;
}
