import type { RequestContext } from "@cakupan/kit";
import { provinceByCode } from "./loaders";
import type { Province } from "./province.entity";

/** Entity references from other subgraphs, batched: any number of them in one `_entities` call is one statement. */
export function resolveProvinceReference(
  reference: { code: string },
  context: RequestContext,
): Promise<Province | null> {
  return context.loader(provinceByCode).load(reference.code);
}
