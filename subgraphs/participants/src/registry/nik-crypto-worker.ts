import { Worker } from "node:worker_threads";
import type { NikKeys } from "./nik-crypto";

/** A chunk's NIKs, keyed-hashed and (when asked) encrypted: each at the same index as its NIK. */
export interface NikCryptoAnswer {
  hashes: string[];
  /** Each NIK as stored (nik-crypto's encryptNik: IV, tag, ciphertext), in hex; null when not asked for. */
  encrypted: string[] | null;
}

/**
 * What crosses between the threads: each list as one string, its items on lines of their own (NIKs, hex
 * hashes and hex ciphertexts have no line breaks). A message of a thousand strings cost the import's thread
 * more to send and receive than one string of them all.
 */
interface Joined {
  hashes: string;
  encrypted: string | null;
}

/**
 * The worker's whole program, run from its source text (it must load in the built package and in the tests'
 * TypeScript sources alike, so it is no file of its own). It repeats encryptNik and hashNik of nik-crypto.ts,
 * the formats the registry stores (nik-crypto-worker.test.ts holds it to them): node:crypto only, so the
 * worker starts in milliseconds.
 */
function workerProgram() {
  /* eslint-disable @typescript-eslint/no-require-imports -- run as its source text, where no import reaches */
  const { createCipheriv, createHmac, randomBytes } = require("node:crypto");
  const { parentPort, workerData } = require("node:worker_threads");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const encryption = Buffer.from(workerData.encryption);
  const hash = Buffer.from(workerData.hash);
  parentPort.on("message", ({ id, niks, encrypt }: { id: number; niks: string; encrypt: boolean }) => {
    const list = niks.split("\n");
    const hashes = list.map((nik) => createHmac("sha256", hash).update(nik).digest("hex")).join("\n");
    let encrypted: string | null = null;
    if (encrypt) {
      // One randomBytes call for the batch: an IV never repeats under one key.
      const ivs: Buffer = randomBytes(12 * list.length);
      encrypted = list
        .map((nik, i) => {
          const iv = ivs.subarray(i * 12, i * 12 + 12);
          const cipher = createCipheriv("aes-256-gcm", encryption, iv);
          const body = Buffer.concat([cipher.update(nik, "utf8"), cipher.final()]);
          return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("hex");
        })
        .join("\n");
    }
    parentPort.postMessage({ id, hashes, encrypted });
  });
}

/**
 * Hashing and encrypting an import's NIKs on a thread of their own: the import's own thread parses and checks
 * the next rows meanwhile, and the two use both cores where PostgreSQL leaves one idle.
 */
export class NikCryptoWorker {
  private readonly pending = new Map<
    number,
    { resolve: (answer: NikCryptoAnswer) => void; reject: (error: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on("message", ({ id, hashes, encrypted }: Joined & { id: number }) => {
      this.pending
        .get(id)
        ?.resolve({ hashes: hashes.split("\n"), encrypted: encrypted?.split("\n") ?? null });
      this.pending.delete(id);
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the NIK crypto worker exited (${code})`)));
  }

  static start(keys: NikKeys): NikCryptoWorker {
    return new NikCryptoWorker(
      new Worker(`(${workerProgram.toString()})()`, {
        eval: true,
        workerData: { encryption: new Uint8Array(keys.encryption), hash: new Uint8Array(keys.hash) },
      }),
    );
  }

  /** The NIKs' hashes, and their encryption when `encrypt`. */
  run(niks: string[], encrypt: boolean): Promise<NikCryptoAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    // Joined, no NIK and one empty NIK would be the same message.
    if (!niks.length) return Promise.resolve({ hashes: [], encrypted: encrypt ? [] : null });
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, niks: niks.join("\n"), encrypt });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error("the NIK crypto worker is closed");
    await this.worker.terminate();
  }
}
