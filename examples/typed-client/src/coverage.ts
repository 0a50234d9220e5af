import { graphql } from "./gql";
import { request } from "./request";

/** Written once; graphql-codegen types its variables and its result from the public schema. */
export const RegencyCoverage = graphql(`
  query RegencyCoverage($code: ID!, $asOf: Date) {
    regency(code: $code) {
      name
      coverage(asOf: $asOf) {
        asOf
        activeParticipants
        workforce
        rate
        target
        gap
        status
        sources {
          publisher
          publishedOn
        }
      }
    }
  }
`);

/** A regency's coverage at a date; null for an unknown code. */
export async function regencyCoverage(endpoint: string, code: string, asOf?: string) {
  const { regency } = await request(endpoint, RegencyCoverage, { code, asOf });
  // Typed from the schema: `regency.coverage.rate` is `number | null`, `status` a union of the enum's values.
  return regency;
}

type RegencyWithCoverage = NonNullable<Awaited<ReturnType<typeof regencyCoverage>>>;

/** One line for a report; the compiler checks every figure it uses against the schema's types. */
export function describeCoverage({ name, coverage }: RegencyWithCoverage): string {
  if (!coverage) return `${name}: no coverage report.`;
  const count = (n: number) => n.toLocaleString("en-US");
  const share = coverage.rate === null ? "rate unknown" : `${(coverage.rate * 100).toFixed(2)}%`;
  const workforce = coverage.workforce === null ? "an unknown workforce" : count(coverage.workforce);
  const covered = count(coverage.activeParticipants);
  return `${name}: ${covered} of ${workforce} workers covered (${share}) at ${coverage.asOf}.`;
}
