import type { RequestContext } from "@cakupan/kit";
import { regencyByCode } from "./loaders";
import type { Regency } from "./regency.entity";

/** Entity references from other subgraphs, batched: any number of them in one `_entities` call is one statement. */
export function resolveRegencyReference(
  reference: { code: string },
  context: RequestContext,
): Promise<Regency | null> {
  return context.loader(regencyByCode).load(reference.code);
}
