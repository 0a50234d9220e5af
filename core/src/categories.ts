/**
 * The one vocabulary of BPJS participant breakdowns, shared by the API (its enums), the registry import
 * (segment and funding columns) and the Excel add-in (JSK.PARTICIPANTS): a word one of them accepts, the
 * others accept too, for the same category.
 */
export enum BreakdownDimension {
  /** BPJS membership segment (segmen kepesertaan). */
  SEGMENT = "SEGMENT",
  /** A group inside the segments. */
  GROUP = "GROUP",
  /** Who pays the contribution (sumber iuran). */
  FUNDING = "FUNDING",
}

export enum ParticipantCategory {
  WAGE_EARNER = "WAGE_EARNER",
  NON_WAGE_EARNER = "NON_WAGE_EARNER",
  CONSTRUCTION = "CONSTRUCTION",
  MIGRANT_WORKER = "MIGRANT_WORKER",
  NON_ASN_STAFF = "NON_ASN_STAFF",
  VILLAGE_OFFICIAL = "VILLAGE_OFFICIAL",
  VULNERABLE_WORKER = "VULNERABLE_WORKER",
  APBD = "APBD",
  APBDES = "APBDES",
  PROVINCE_BUDGET = "PROVINCE_BUDGET",
  CSR = "CSR",
  BAZNAS = "BAZNAS",
  SELF_PAID = "SELF_PAID",
  EMPLOYER = "EMPLOYER",
}

export interface CategoryTerms {
  dimension: BreakdownDimension;
  /** Indonesian label, as the API shows it. */
  label: string;
  /** What people write for it, the usual one first; the category's own name is accepted as well. */
  words: readonly string[];
}

/** Each category, its dimension, its label and the words that name it. */
export const PARTICIPANT_CATEGORIES: Record<ParticipantCategory, CategoryTerms> = {
  WAGE_EARNER: {
    dimension: BreakdownDimension.SEGMENT,
    label: "Penerima Upah (PU)",
    words: ["PU", "PENERIMA UPAH"],
  },
  NON_WAGE_EARNER: {
    dimension: BreakdownDimension.SEGMENT,
    label: "Bukan Penerima Upah (BPU)",
    words: ["BPU", "BUKAN PENERIMA UPAH"],
  },
  CONSTRUCTION: {
    dimension: BreakdownDimension.SEGMENT,
    label: "Jasa Konstruksi (Jakon)",
    words: ["JAKON", "KONSTRUKSI", "JASA KONSTRUKSI"],
  },
  MIGRANT_WORKER: {
    dimension: BreakdownDimension.SEGMENT,
    label: "Pekerja Migran Indonesia (PMI)",
    words: ["PMI", "PEKERJA MIGRAN", "PEKERJA MIGRAN INDONESIA"],
  },
  NON_ASN_STAFF: {
    dimension: BreakdownDimension.GROUP,
    label: "Pegawai non-ASN",
    words: ["NON-ASN", "PEGAWAI NON-ASN"],
  },
  VILLAGE_OFFICIAL: {
    dimension: BreakdownDimension.GROUP,
    label: "Perangkat desa",
    words: ["PERANGKAT DESA"],
  },
  VULNERABLE_WORKER: {
    dimension: BreakdownDimension.GROUP,
    label: "Pekerja rentan",
    words: ["RENTAN", "PEKERJA RENTAN"],
  },
  APBD: { dimension: BreakdownDimension.FUNDING, label: "APBD (anggaran kabupaten/kota)", words: ["APBD"] },
  APBDES: {
    dimension: BreakdownDimension.FUNDING,
    label: "APBDes (anggaran desa)",
    words: ["APBDES", "APBD DESA", "DD"],
  },
  PROVINCE_BUDGET: {
    dimension: BreakdownDimension.FUNDING,
    label: "APBD provinsi",
    words: ["PROVINSI", "APBD PROVINSI"],
  },
  CSR: { dimension: BreakdownDimension.FUNDING, label: "CSR perusahaan", words: ["CSR"] },
  BAZNAS: { dimension: BreakdownDimension.FUNDING, label: "BAZNAS", words: ["BAZNAS"] },
  SELF_PAID: {
    dimension: BreakdownDimension.FUNDING,
    label: "Mandiri (dibayar sendiri)",
    words: ["MANDIRI"],
  },
  EMPLOYER: { dimension: BreakdownDimension.FUNDING, label: "Pemberi kerja", words: ["PEMBERI KERJA"] },
};

/** Case, spaces, dashes and underscores do not matter: "Non-ASN", "non asn" and "NON_ASN" are one word. */
const normalise = (text: string) =>
  text
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, " ");

const byWord = new Map<string, ParticipantCategory>();
for (const [category, { words }] of Object.entries(PARTICIPANT_CATEGORIES) as [
  ParticipantCategory,
  CategoryTerms,
][]) {
  for (const word of [category, ...words]) byWord.set(normalise(word), category);
}

const categoriesOf = (dimension?: BreakdownDimension) =>
  (Object.keys(PARTICIPANT_CATEGORIES) as ParticipantCategory[]).filter(
    (category) => !dimension || PARTICIPANT_CATEGORIES[category].dimension === dimension,
  );

/** The category a person's word names ("PU", "penerima upah", "WAGE_EARNER"), within `dimension` when given. */
export function categoryFromText(text: string, dimension?: BreakdownDimension): ParticipantCategory | null {
  const category = byWord.get(normalise(text));
  if (!category || (dimension && PARTICIPANT_CATEGORIES[category].dimension !== dimension)) return null;
  return category;
}

/** The usual word of each category (of `dimension`), for messages: "PU, BPU, JAKON or PMI". */
export function categoryWords(dimension?: BreakdownDimension): string {
  const words = categoriesOf(dimension).map((category) => PARTICIPANT_CATEGORIES[category].words[0]);
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}
