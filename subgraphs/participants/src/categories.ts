import { BreakdownDimension, PARTICIPANT_CATEGORIES, ParticipantCategory } from "@cakupan/kit";
import { registerEnumType } from "type-graphql";

/** The one vocabulary of segments, groups and funding (in core), as the API's enums. */
export { BreakdownDimension, PARTICIPANT_CATEGORIES as CATEGORIES, ParticipantCategory };

registerEnumType(BreakdownDimension, {
  name: "BreakdownDimension",
  description:
    "SEGMENT: BPJS membership segment (segmen kepesertaan). GROUP: a group inside the segments. FUNDING: who pays the contribution (sumber iuran).",
  valuesConfig: {
    SEGMENT: {
      description:
        "BPJS membership segment (segmen kepesertaan): PU, BPU, Jakon or PMI. A report's parts of one dimension add up to at most its total.",
    },
    GROUP: {
      description: "A group across the segments: pegawai non-ASN, perangkat desa, pekerja rentan.",
    },
    FUNDING: {
      description: "Who pays the contribution (sumber iuran): APBD, APBDes, APBD provinsi, CSR, BAZNAS, ...",
    },
  },
});

/** What each category means, in English; the Indonesian label (core's vocabulary) follows it in the schema. */
const CATEGORY_MEANINGS: Record<ParticipantCategory, string> = {
  WAGE_EARNER: "Wage earners: workers paid by an employer.",
  NON_WAGE_EARNER:
    "Non-wage workers: the self-employed and informal workers; vulnerable workers are among them.",
  CONSTRUCTION: "Workers of construction projects, enrolled per project.",
  MIGRANT_WORKER: "Indonesian migrant workers, working abroad.",
  NON_ASN_STAFF: "Government staff who are not civil servants (ASN).",
  VILLAGE_OFFICIAL: "Village officials: the staff of a village government.",
  VULNERABLE_WORKER:
    "Vulnerable workers: non-wage workers of low income, whose contributions a budget or donor may pay (see FUNDING).",
  APBD: "Paid from the regency or city budget (Anggaran Pendapatan dan Belanja Daerah).",
  APBDES: "Paid from the village budget (Anggaran Pendapatan dan Belanja Desa), Dana Desa (DD) included.",
  PROVINCE_BUDGET: "Paid from the province's budget.",
  CSR: "Paid by companies' corporate social responsibility programmes.",
  BAZNAS: "Paid by BAZNAS (Badan Amil Zakat Nasional), the national zakat agency.",
  SELF_PAID: "Paid by the workers themselves.",
  EMPLOYER: "Paid by the employer.",
};

registerEnumType(ParticipantCategory, {
  name: "ParticipantCategory",
  description: Object.entries(PARTICIPANT_CATEGORIES)
    .map(([category, { dimension, label }]) => `${category} (${dimension}): ${label}`)
    .join("; "),
  valuesConfig: Object.fromEntries(
    (Object.keys(PARTICIPANT_CATEGORIES) as ParticipantCategory[]).map((category) => {
      const { dimension, label } = PARTICIPANT_CATEGORIES[category];
      return [category, { description: `${label}, ${dimension}. ${CATEGORY_MEANINGS[category]}` }];
    }),
  ),
});
