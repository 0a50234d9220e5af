import type { ApolloServerPlugin } from "@apollo/server";
import { parseWalPosition, READ_AFTER_HEADER, WROTE_AT_HEADER } from "@cakupan/core";
import type { Logger } from "@cakupan/observability";
import type { DataSource } from "typeorm";
import type { RequestContext } from "./context";

/** How long a replica's replayed position (and its health) is trusted before it is read again. */
const REPLAY_CHECK_MS = 500;

/**
 * Which database each request reads. Positions are the primary's WAL insert position (everything committed
 * before it is in the WAL up to there; the write position may still lag behind a commit that is not yet
 * flushed, with synchronous_commit off). Mutations run on the primary, and answer the primary's WAL position
 * after their writes (WROTE_AT_HEADER). Queries read from the replica, unless they carry a position
 * (READ_AFTER_HEADER: the caller's last write, or the position at which the gateway read the data versions
 * it will cache the answer under) that the replica has not replayed yet, or the replica does not answer:
 * then from the primary. So a caller reads its own writes at once, a cached answer is never older than the
 * primary was when its versions were read, and a replica that is down or far behind costs only load.
 */
export function readReplicaRouting(
  primary: DataSource,
  replica: DataSource,
  log?: Logger,
): ApolloServerPlugin<RequestContext> {
  let replayed: bigint | undefined;
  let checkedAt = 0;
  let checking: Promise<void> | undefined;
  let healthy = true;

  const checkReplica = () =>
    (checking ??= (async () => {
      const runner = replica.createQueryRunner("slave");
      try {
        const rows = (await runner.query("SELECT pg_last_wal_replay_lsn()::text AS position")) as {
          position: string | null;
        }[];
        // A server that is not in recovery is a primary itself: everything it has is current.
        replayed = parseWalPosition(rows[0]?.position ?? undefined) ?? 2n ** 64n;
        if (!healthy) log?.info("read replica answers again");
        healthy = true;
      } catch (error) {
        if (healthy) log?.warn({ err: error }, "read replica does not answer: reading from the primary");
        healthy = false;
      } finally {
        checkedAt = Date.now();
        await runner.release().catch(() => {});
        checking = undefined;
      }
    })());

  const replicaCanAnswer = async (required: bigint | undefined): Promise<boolean> => {
    if (Date.now() - checkedAt > REPLAY_CHECK_MS) await checkReplica();
    else if (required !== undefined && healthy && (replayed ?? 0n) < required) await checkReplica();
    return healthy && (required === undefined || (replayed ?? 0n) >= required);
  };

  return {
    async requestDidStart({ request }) {
      const required = parseWalPosition(request.http?.headers.get(READ_AFTER_HEADER));
      let wrote = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === "query" && (await replicaCanAnswer(required))) {
            contextValue.dataSource = replica;
          } else {
            contextValue.dataSource = primary;
            wrote = operation?.operation === "mutation";
          }
        },
        async willSendResponse({ response }) {
          if (!wrote) return;
          try {
            const rows = (await primary.query("SELECT pg_current_wal_insert_lsn()::text AS position")) as {
              position: string;
            }[];
            response.http.headers.set(WROTE_AT_HEADER, rows[0].position);
          } catch {
            // Without it the caller may read its write from a lagging replica for a moment: no error for that.
          }
        },
      };
    },
  };
}
