import { connect } from "node:net";

/** HAProxy's runtime API (deploy/cluster/haproxy.cfg: stats socket, loopback only). */
export interface RuntimeApi {
  host: string;
  port: number;
}

/** One command on HAProxy's runtime API; resolves with its answer. */
export function haproxyCommand(runtimeApi: RuntimeApi, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(runtimeApi.port, runtimeApi.host, () => socket.end(`${command}\n`));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("end", () => resolve(answer.trim()));
    socket.on("error", reject);
  });
}

/** HAProxy's name of a cluster part: gateway1 is gateways/gateway1, participants1 participants/participants1. */
export function haproxyServerOf(part: string): string {
  const name = part.replace(/\d+$/, "");
  return `${name === "gateway" ? "gateways" : name}/${part}`;
}

/**
 * Has HAProxy raise a server's share of new requests over its `slowstart` again, as it does for a
 * server back from DOWN: for a process that has just taken over the server's port and has served nothing
 * yet (its code not yet optimized). Leaving maintenance starts the slow start; the requests already on the
 * server are not touched.
 */
export async function slowStartAgain(runtimeApi: RuntimeApi, server: string): Promise<void> {
  await haproxyCommand(runtimeApi, `set server ${server} state maint`);
  await haproxyCommand(runtimeApi, `set server ${server} state ready`);
}
