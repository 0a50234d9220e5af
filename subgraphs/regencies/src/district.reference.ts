import type { RequestContext } from "@cakupan/kit";
import { districtByCode } from "./loaders";
import type { District } from "./district.entity";

/** Entity references from other subgraphs, batched: any number of them in one `_entities` call is one statement. */
export function resolveDistrictReference(
  reference: { code: string },
  context: RequestContext,
): Promise<District | null> {
  return context.loader(districtByCode).load(reference.code);
}
