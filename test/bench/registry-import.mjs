// The import the registry benchmark times, in a process of its own so its peak memory (VmHWM) is the
// import's alone: the CLI's path (importParticipantCsv over a file read as a stream), timed from the first
// byte read to the commit. Given the database URL, the CSV file and the regency; the keys in the environment.
import { createReadStream, readFileSync } from "node:fs";
import { openDataSource } from "@cakupan/kit";
import { importParticipantCsv, participantsSubgraph, requireNikKeys } from "@cakupan/participants";

const [url, file, regency] = process.argv.slice(2);
const db = await openDataSource(participantsSubgraph, url);
try {
  const started = performance.now();
  const outcome = await importParticipantCsv(db, createReadStream(file), regency, requireNikKeys());
  const seconds = (performance.now() - started) / 1000;
  if (!outcome.stored)
    throw new Error(
      `the import stored nothing: ${outcome.problems.listed[0]?.message ?? "registered elsewhere"}`,
    );
  const vmHwmKiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]);
  process.send({ seconds, inserted: outcome.stored.inserted, vmHwmKiB });
} finally {
  await db.destroy();
}
