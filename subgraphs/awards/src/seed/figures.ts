import { SEED_SOURCES } from "@cakupan/kit";
import { type AwardCategory, NomineeKind } from "../award-category.entity";
import {
  type AwardEdition,
  type AwardGiver,
  AwardLevel,
  EditionIdentityAssessment,
} from "../award-edition.entity";
import { type NominationStage, StageKind, StageStatus } from "../nomination.entity";

const { mubaParitranaInterview, antaraVulnerableWorkers, koranEnimParitrana2024 } = SEED_SOURCES;

export const CATEGORIES: AwardCategory[] = [
  {
    code: "REGENCY_CITY_GOVERNMENT",
    name: "Pemerintah Kabupaten/Kota",
    nameEn: "Regency/city government",
    nomineeKind: NomineeKind.REGENCY_GOVERNMENT,
    businessSector: null,
    businessSize: null,
    namedBySource: true,
  },
  {
    code: "BUSINESS_FINANCE",
    name: "Badan Usaha Sektor Keuangan",
    nameEn: "Financial-sector business",
    nomineeKind: NomineeKind.BUSINESS,
    businessSector: "Keuangan",
    businessSize: null,
    namedBySource: true,
  },
  {
    code: "BUSINESS_TRADE_SERVICES",
    name: "Badan Usaha Sektor Perdagangan dan Jasa",
    nameEn: "Trade-and-services business",
    nomineeKind: NomineeKind.BUSINESS,
    businessSector: "Perdagangan dan jasa",
    businessSize: null,
    namedBySource: true,
  },
  {
    code: "VILLAGE_GOVERNMENT",
    name: "Pemerintah Desa/Kelurahan",
    nameEn: "Village/kelurahan government",
    nomineeKind: NomineeKind.VILLAGE_GOVERNMENT,
    businessSector: null,
    businessSize: null,
    namedBySource: true,
  },
  ...[5, 6, 7, 8].map((n) => ({
    code: `SUMSEL_2024_UNNAMED_${n}`,
    name: `Kategori ke-${n} dari 8 (tidak disebutkan sumber)`,
    nameEn: `Category ${n} of 8 (not named by the source)`,
    nomineeKind: null,
    businessSector: null,
    businessSize: null,
    namedBySource: false,
  })),
];

type EditionSeed = AwardEdition & { categoryCodes: string[] };

/** Stages dated by seed 000, whose printed year is corrected. */
const DATED_BY_SEED_000 = {
  inferred: true,
  inference:
    "reportedOn is the corrected date: printed 'Senin 5 Februari 2025', read as 5 February 2024 (see the source's inference).",
};

export const EDITIONS: EditionSeed[] = [
  {
    id: "paritrana-2023-sumsel",
    name: "Paritrana Award 2023, Provinsi Sumatera Selatan",
    level: AwardLevel.PROVINCIAL,
    provinceCode: "16",
    pressLabel: "Paritrana Award 2023",
    assessmentYear: null,
    assessmentStart: null,
    assessmentEnd: null,
    ceremonyDate: null,
    sourceId: antaraVulnerableWorkers.id,
    categoryCodes: ["REGENCY_CITY_GOVERNMENT"],
    note: "ANTARA (2024) reports Musi Banyuasin 'juara I Paritrana Award 2023 tingkat Provinsi Sumsel'. It does not say whether 2023 is the year assessed or the year of the ceremony, and lists no categories: only the one Muba's result is recorded in.",
  },
  {
    id: "paritrana-2024-sumsel",
    name: "Paritrana Award 2024, Provinsi Sumatera Selatan",
    level: AwardLevel.PROVINCIAL,
    provinceCode: "16",
    pressLabel: "Paritrana Award 2024",
    assessmentYear: null,
    assessmentStart: null,
    assessmentEnd: null,
    ceremonyDate: null,
    sourceId: koranEnimParitrana2024.id,
    categoryCodes: [
      "REGENCY_CITY_GOVERNMENT",
      "BUSINESS_FINANCE",
      "BUSINESS_TRADE_SERVICES",
      "VILLAGE_GOVERNMENT",
      "SUMSEL_2024_UNNAMED_5",
      "SUMSEL_2024_UNNAMED_6",
      "SUMSEL_2024_UNNAMED_7",
      "SUMSEL_2024_UNNAMED_8",
    ],
    note: "Given by Pemprov Sumsel with BPJS Ketenagakerjaan in 8 categories, of which the article names four. The ceremony was 'kemarin' (the day before) an undated article, so its date is not known.",
  },
  {
    id: "paritrana-sumsel-interviews-feb-2024",
    name: "Piagam Paritrana Award Tingkat Provinsi Sumatera Selatan (round with interviews in February 2024)",
    level: AwardLevel.PROVINCIAL,
    provinceCode: "16",
    pressLabel: "Piagam Paritrana Award Tingkat Provinsi",
    assessmentYear: null,
    assessmentStart: null,
    assessmentEnd: null,
    ceremonyDate: null,
    sourceId: mubaParitranaInterview.id,
    categoryCodes: ["REGENCY_CITY_GOVERNMENT"],
    note: "Seed 000 reports the assessment under way on 5 February 2024 (data collection, interviews from 19 February) without naming the round's year. Recorded apart; see sameRound.",
  },
];

const SAME_ROUND_NOTE_2023_2024 =
  "The press labels a round by the year assessed or the year of the ceremony. ANTARA's 'Paritrana Award 2023' (reported in 2024) and Koran Enim Ekspres's 'Paritrana Award 2024' are both South Sumatra provincial rounds; neither source says whether they are one round.";
const SAME_ROUND_NOTE_FEB_2023 =
  "The interviews of February 2024 come before ANTARA's 2024 report of Muba's Juara I in the '2023' round: they may be that round (assessed for 2023, judged in early 2024) or a later one. The sources do not say.";
const SAME_ROUND_NOTE_FEB_2024 =
  "A round assessed in February 2024 may be the one the press calls 'Paritrana Award 2024' (by its ceremony year) or may not; the sources do not say.";

export const SAME_ROUND = [
  ["paritrana-2023-sumsel", "paritrana-2024-sumsel", SAME_ROUND_NOTE_2023_2024],
  ["paritrana-sumsel-interviews-feb-2024", "paritrana-2023-sumsel", SAME_ROUND_NOTE_FEB_2023],
  ["paritrana-sumsel-interviews-feb-2024", "paritrana-2024-sumsel", SAME_ROUND_NOTE_FEB_2024],
].flatMap(([a, b, note]) => [
  { editionId: a, otherEditionId: b, assessment: EditionIdentityAssessment.POSSIBLY_SAME, note },
  { editionId: b, otherEditionId: a, assessment: EditionIdentityAssessment.POSSIBLY_SAME, note },
]);

export interface NominationSeed {
  editionId: string;
  categoryCode: string;
  regencyCode: string;
  sourceId: string;
  note: string;
  /** What was derived, when the category (or nominee) is not printed. */
  inference: string | null;
  stages: Omit<NominationStage, "nominationId">[];
  result: {
    rank: number;
    title: string;
    sourceId: string;
    note: string | null;
    inferred: boolean;
    inference: string | null;
  } | null;
}

const CATEGORY_OF_2023_JUARA_I =
  "The category is derived: ANTARA names none ('meraih juara I Paritrana Award 2023 tingkat Provinsi Sumsel'); the one " +
  "placed is the regency government ('Pemkab Muba'), so the regency/city government category is recorded.";

export const NOMINATIONS: NominationSeed[] = [
  {
    editionId: "paritrana-2023-sumsel",
    categoryCode: "REGENCY_CITY_GOVERNMENT",
    regencyCode: "16.06",
    sourceId: antaraVulnerableWorkers.id,
    note: "The category is not named by the source; the winner is the regency government (Pemkab Muba), so the regency/city government category is recorded.",
    inference: CATEGORY_OF_2023_JUARA_I,
    stages: [],
    result: {
      rank: 1,
      title: "Juara I",
      sourceId: antaraVulnerableWorkers.id,
      note: "'meraih juara I Paritrana Award 2023 tingkat Provinsi Sumsel'.",
      inferred: true,
      inference: CATEGORY_OF_2023_JUARA_I,
    },
  },
  {
    editionId: "paritrana-sumsel-interviews-feb-2024",
    categoryCode: "REGENCY_CITY_GOVERNMENT",
    regencyCode: "16.06",
    sourceId: mubaParitranaInterview.id,
    note: "Muba 'masuk radar penilaian' as a region committed to enrolling its people; the regent is interviewed, so the regency/city government category is recorded.",
    inference:
      "The category is derived: seed 000 names none; Muba is assessed as a region ('Muba masuk radar penilaian') and its " +
      "acting regent is interviewed, so the regency/city government category is recorded.",
    stages: [
      {
        kind: StageKind.DATA_COLLECTION,
        status: StageStatus.IN_PROGRESS,
        scheduledAt: null,
        completedAt: null,
        reportedOn: "2024-02-05",
        sourceId: mubaParitranaInterview.id,
        note: "'Saat ini tim sedang mengumpulkan data' (the team is collecting data).",
        ...DATED_BY_SEED_000,
      },
      {
        kind: StageKind.INTERVIEW,
        status: StageStatus.PLANNED,
        scheduledAt: "2024-02-19",
        completedAt: null,
        reportedOn: "2024-02-05",
        sourceId: mubaParitranaInterview.id,
        note: "'Jadwal pak Bupati Apriyadi akan diwawancarai pada 19 Februari 2024'. No later source says it took place.",
        ...DATED_BY_SEED_000,
      },
    ],
    result: null,
  },
];

/** Who confers the award: each level's rule, and what a source says of one edition. */
export const GIVERS: AwardGiver[] = [
  {
    id: "national",
    level: AwardLevel.NATIONAL,
    editionId: null,
    conferredBy: "Presiden Republik Indonesia",
    organisedBy: "BPJS Ketenagakerjaan",
    sourceId: koranEnimParitrana2024.id,
    note:
      "Seed 002: 'ajang penghargaan yang diberikan oleh Presiden RI kepada Pemerintah Provinsi, Kabupaten, Kota, dan pelaku " +
      "usaha'; seed 000 likewise: 'penghargaan yang diberikan oleh presiden dan diselenggarakan BPJS Ketenagakerjaan'.",
    inferred: true,
    inference:
      "Both seeds say the President gives the Paritrana Award without naming a level; since seed 002 says the provincial round " +
      "is given by the provincial government, the President's part is read as the national round's.",
  },
  {
    id: "provincial",
    level: AwardLevel.PROVINCIAL,
    editionId: null,
    conferredBy: "Pemerintah provinsi (Pemprov)",
    organisedBy: "BPJS Ketenagakerjaan",
    sourceId: koranEnimParitrana2024.id,
    note: "Seed 002: 'Pemprov Sumsel Bersama BPJS Ketenagakerjaan Berikan Penghargaan Paritrana Award 2024'.",
    inferred: true,
    inference:
      "Seed 002 says it of South Sumatra's 2024 round; it is taken as the rule of every provincial round.",
  },
  {
    id: "paritrana-2024-sumsel",
    level: AwardLevel.PROVINCIAL,
    editionId: "paritrana-2024-sumsel",
    conferredBy: "Pemerintah Provinsi Sumatera Selatan (Pemprov Sumsel), bersama BPJS Ketenagakerjaan",
    organisedBy: "BPJS Ketenagakerjaan",
    sourceId: koranEnimParitrana2024.id,
    note:
      "'Pemprov Sumsel Bersama BPJS Ketenagakerjaan Berikan Penghargaan Paritrana Award 2024'. The same article says the award " +
      "is 'diberikan oleh Presiden RI': that is the national round's giver (see awardGivers).",
    inferred: false,
    inference: null,
  },
];
