import { BreakdownDimension, PARTICIPANT_CATEGORIES, ParticipantCategory } from "@cakupan/kit";
import { registerEnumType } from "type-graphql";

/** The one vocabulary of segments, groups and funding (in core), as the API's enums. */
export { BreakdownDimension, PARTICIPANT_CATEGORIES as CATEGORIES, ParticipantCategory };

registerEnumType(BreakdownDimension, {
  name: "BreakdownDimension",
  description:
    "SEGMENT: BPJS membership segment (segmen kepesertaan). GROUP: a group inside the segments. FUNDING: who pays the contribution (sumber iuran).",
});
registerEnumType(ParticipantCategory, {
  name: "ParticipantCategory",
  description: Object.entries(PARTICIPANT_CATEGORIES)
    .map(([category, { dimension, label }]) => `${category} (${dimension}): ${label}`)
    .join("; "),
});
