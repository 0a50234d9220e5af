import type { RequestContext } from "@cakupan/kit";
import { villageByCode } from "./loaders";
import type { Village } from "./village.entity";

/** Entity references from other subgraphs, batched: any number of them in one `_entities` call is one statement. */
export function resolveVillageReference(
  reference: { code: string },
  context: RequestContext,
): Promise<Village | null> {
  return context.loader(villageByCode).load(reference.code);
}
