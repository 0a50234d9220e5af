import type { GraphiQLPlugin } from "@graphiql/react";
import { useSyncExternalStore } from "react";
import { claimsOf, getToken, setToken, subscribeToToken } from "./token";

function KeyIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      aria-hidden="true"
    >
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l9-9M17 6l3 3M15 8l2 2" strokeLinecap="round" />
    </svg>
  );
}

function describe(token: string): string {
  if (!token) return "No token: requests are anonymous and see public aggregates only.";
  const claims = claimsOf(token);
  if (!claims) return "This is not a JSON Web Token: the gateway will refuse it (UNAUTHENTICATED).";
  const who = [
    `role ${claims.role ?? "(none)"}`,
    claims.sub ? `subject ${claims.sub}` : null,
    claims.regencies?.length ? `regencies ${claims.regencies.join(", ")}` : null,
  ].filter(Boolean);
  if (claims.exp === undefined) return `Sent with every request: ${who.join(", ")}.`;
  const expires = new Date(claims.exp * 1000);
  const when = expires.toLocaleString();
  return expires.getTime() < Date.now()
    ? `This token expired at ${when}: the gateway will refuse it. Mint a new one.`
    : `Sent with every request: ${who.join(", ")}; expires ${when}. The gateway verifies it.`;
}

function TokenPanel() {
  const token = useSyncExternalStore(subscribeToToken, getToken);
  return (
    <div className="cakupan-token">
      <div className="graphiql-doc-explorer-title">Token</div>
      <p>
        Paste a bearer token to query as a planner, an operator or an admin. Locally,{" "}
        <code>npm run token -- --role planner</code> prints one. It is sent as{" "}
        <code>Authorization: Bearer …</code> and kept in this browser tab only.
      </p>
      <textarea
        aria-label="Bearer token"
        placeholder="eyJhbGciOiJIUzI1NiJ9…"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <p className="cakupan-token-status" role="status">
        {describe(token)}
      </p>
      {token ? (
        <button type="button" className="graphiql-button" onClick={() => setToken("")}>
          Forget the token
        </button>
      ) : null}
    </div>
  );
}

export const tokenPlugin: GraphiQLPlugin = { title: "Token", icon: KeyIcon, content: TokenPanel };
