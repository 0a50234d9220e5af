import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { dropDatabase, ensureDatabase, withDatabase } from "@cakupan/kit";
import { startEmbeddedDatabase } from "@cakupan/launcher";

/** A database of this benchmark's own on DATABASE_URL's server, or on an embedded PostgreSQL; dropped after. */
export async function withBenchDatabase(label, work) {
  let embedded;
  let dir;
  let server = process.env.DATABASE_URL;
  if (!server) {
    dir = mkdtempSync(join(tmpdir(), "cakupan-bench-"));
    embedded = await startEmbeddedDatabase({ dataDir: join(dir, "postgres") });
    server = embedded.url;
  }
  const name = `cakupan_bench_${label}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(server, name);
  try {
    return await work(withDatabase(server, name), server);
  } finally {
    await dropDatabase(server, name);
    if (embedded) {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
