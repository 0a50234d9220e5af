import { clientError, type Identity, type Role } from "@cakupan/core";
import type { AuthChecker } from "type-graphql";

/** A field an anonymous caller may not have: an error on that field only, the rest of the answer stands. */
function signInRequired(message: string) {
  return clientError("UNAUTHENTICATED", message);
}

/**
 * type-graphql's @Authorized(roles): anonymous callers get UNAUTHENTICATED (log in), others outside the roles
 * get FORBIDDEN (ask for the role). Finer rules (an operator's own regencies) are checked in the resolvers.
 */
export const authChecker: AuthChecker<{ identity: Identity }, Role> = ({ context, info }, roles) => {
  const { identity } = context;
  const what = `${info.parentType.name}.${info.fieldName}`;
  if (roles.length === 0 ? identity.role !== "anonymous" : roles.includes(identity.role)) return true;
  if (identity.role === "anonymous") {
    throw signInRequired(
      `${what} needs a signed-in ${roles.length ? roles.join(" or ") : "user"}: send a bearer token (npm run token -- --role planner makes one locally).`,
    );
  }
  throw clientError("FORBIDDEN", `${what} is for ${roles.join(" or ")}; your role is ${identity.role}.`);
};

/** Operators write and read personal data of their own regencies only; admins of all. */
export function assertRegencyAccess(identity: Identity, regencyCode: string, action: string): void {
  if (identity.role === "admin") return;
  if (identity.role === "operator" && identity.regencies.includes(regencyCode)) return;
  if (identity.role === "anonymous")
    throw signInRequired(`To ${action} you must be signed in as an operator of ${regencyCode} or an admin.`);
  throw clientError(
    "FORBIDDEN",
    identity.role === "operator"
      ? `You operate for ${identity.regencies.join(", ") || "no regency"}, not ${regencyCode}: you cannot ${action} there.`
      : `Your role ${identity.role} cannot ${action}: it takes an operator of ${regencyCode} or an admin.`,
  );
}
