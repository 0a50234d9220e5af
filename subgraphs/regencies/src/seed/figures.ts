import { FigureStatus, SEED_SOURCES } from "@cakupan/kit";
import type { Agreement } from "../agreement.entity";
import { AgreementKind } from "../agreement.entity";
import type { BranchOffice, BranchOfficeRegency } from "../branch-office.entity";
import type { CoverageTarget } from "../coverage-target.entity";
import { TargetScope } from "../coverage-target.entity";
import type { Official } from "../official.entity";
import { OfficialRole } from "../official.entity";
import type { WorkforceEstimate } from "../workforce-estimate.entity";

/** Every figure and fact of the regencies subgraph that comes from the seed articles, with its source. */

const {
  mubaParitranaInterview,
  antaraVulnerableWorkers,
  koranEnimParitrana2024,
  jpnnCoverage2025,
  mediaIndonesiaOganIlirMou,
} = SEED_SOURCES;

type Row<T> = Omit<T, "id" | "countAll">;

const ACRONYM = "Acronym of the official name, in common use in the regional press";

/** Curated short names for the regencies and cities of South Sumatra (16); aliases.ts adds the government forms. */
export const CURATED_ALIASES: {
  regencyCode: string;
  alias: string;
  rationale: string;
  sourceId: string | null;
}[] = [
  {
    regencyCode: "16.01",
    alias: "OKU",
    rationale: `${ACRONYM} (Ogan Komering Ulu); used in seed 000 ("Warga OKU").`,
    sourceId: mubaParitranaInterview.id,
  },
  { regencyCode: "16.02", alias: "OKI", rationale: `${ACRONYM} (Ogan Komering Ilir).`, sourceId: null },
  {
    regencyCode: "16.03",
    alias: "Muaraenim",
    rationale: "Spelling variant written as one word.",
    sourceId: null,
  },
  { regencyCode: "16.05", alias: "Mura", rationale: `${ACRONYM} (Musi Rawas).`, sourceId: null },
  {
    regencyCode: "16.06",
    alias: "Muba",
    rationale: `${ACRONYM} (Musi Banyuasin); used throughout seeds 000, 001 and 003 ("Pemkab Muba").`,
    sourceId: jpnnCoverage2025.id,
  },
  {
    regencyCode: "16.06",
    alias: "Pemkab Muba",
    rationale: "The regency government as seeds 001 and 003 name it.",
    sourceId: jpnnCoverage2025.id,
  },
  {
    regencyCode: "16.08",
    alias: "OKU Timur",
    rationale: "Ogan Komering Ulu Timur with OKU abbreviated.",
    sourceId: null,
  },
  { regencyCode: "16.08", alias: "OKUT", rationale: `${ACRONYM} (Ogan Komering Ulu Timur).`, sourceId: null },
  {
    regencyCode: "16.09",
    alias: "OKU Selatan",
    rationale: "Ogan Komering Ulu Selatan with OKU abbreviated.",
    sourceId: null,
  },
  {
    regencyCode: "16.09",
    alias: "OKUS",
    rationale: `${ACRONYM} (Ogan Komering Ulu Selatan).`,
    sourceId: null,
  },
  { regencyCode: "16.10", alias: "OI", rationale: `${ACRONYM} (Ogan Ilir).`, sourceId: null },
  {
    regencyCode: "16.12",
    alias: "PALI",
    rationale: `${ACRONYM} (Penukal Abab Lematang Ilir).`,
    sourceId: null,
  },
  { regencyCode: "16.13", alias: "Muratara", rationale: `${ACRONYM} (Musi Rawas Utara).`, sourceId: null },
  { regencyCode: "16.71", alias: "Plg", rationale: "Common abbreviation of Palembang.", sourceId: null },
  {
    regencyCode: "16.72",
    alias: "Pagaralam",
    rationale: "Spelling variant written as one word.",
    sourceId: null,
  },
  {
    regencyCode: "16.73",
    alias: "Lubuklinggau",
    rationale: "Spelling variant written as one word.",
    sourceId: null,
  },
  {
    regencyCode: "16.73",
    alias: "Linggau",
    rationale: "Common short form of Lubuk Linggau.",
    sourceId: null,
  },
];

/** Provinces whose every regency gets the government form of its name as an alias ("Pemkab Muba"). */
export const GOVERNMENT_ALIAS_PROVINCES = ["16"];

export const WORKFORCE_ESTIMATES: Row<WorkforceEstimate>[] = [
  {
    regencyCode: "16.06",
    year: 2025,
    persons: 213582,
    status: FigureStatus.REPORTED,
    sourceId: jpnnCoverage2025.id,
    note: "Total potensi tenaga kerja based on BPS 2025 data, as cited by BPJS Ketenagakerjaan in the article.",
  },
];

export const COVERAGE_TARGETS: Row<CoverageTarget>[] = [
  {
    scope: TargetScope.NATIONAL,
    areaCode: null,
    year: 2025,
    scheme: "UCJ",
    rate: 0.5215,
    status: FigureStatus.REPORTED,
    sourceId: jpnnCoverage2025.id,
    note: "The national target for 2025 ('target nasional 52,15 persen pada tahun 2025'), cited by BPJS Ketenagakerjaan's Deputy for Corporate and Institutional Membership.",
    inferred: true,
    inference:
      "The scheme is derived: the article says 'target nasional' and names no scheme; it is filed as UCJ (Universal Coverage " +
      "Jamsostek), the national coverage target it is assumed to be. The rate, year and national scope are printed.",
  },
];

export const BRANCH_OFFICES: BranchOffice[] = [
  {
    id: "bpjstk-cabang-musi-banyuasin",
    name: "BPJS Ketenagakerjaan Cabang Musi Banyuasin",
    sourceId: mubaParitranaInterview.id,
  },
  {
    id: "bpjstk-cabang-muara-enim",
    name: "BPJS Ketenagakerjaan Cabang Muara Enim",
    sourceId: koranEnimParitrana2024.id,
  },
  {
    id: "bpjstk-cabang-palembang",
    name: "BPJS Ketenagakerjaan Kantor Cabang Palembang",
    sourceId: mediaIndonesiaOganIlirMou.id,
  },
];

export const BRANCH_OFFICE_REGENCIES: BranchOfficeRegency[] = [
  {
    branchOfficeId: "bpjstk-cabang-musi-banyuasin",
    regencyCode: "16.06",
    basis:
      "The branch bears the regency's name (Cabang Muba) and the source shows it working with Pemkab Muba.",
    sourceId: mubaParitranaInterview.id,
    inferred: true,
    inference:
      "From the branch's name ('BPJS Ketenagakerjaan Cabang Musi Banyuasin', 'Cabang Muba'): the source does not state its service area.",
  },
  {
    branchOfficeId: "bpjstk-cabang-muara-enim",
    regencyCode: "16.03",
    basis: "The branch bears the regency's name (Cabang Muara Enim).",
    sourceId: koranEnimParitrana2024.id,
    inferred: true,
    inference: "From the branch's name ('cabang Muara Enim'): the source does not state its service area.",
  },
  {
    branchOfficeId: "bpjstk-cabang-palembang",
    regencyCode: "16.10",
    basis:
      "The branch signed the MoU with Pemkab Ogan Ilir and is to follow it up with the regency's agencies.",
    sourceId: mediaIndonesiaOganIlirMou.id,
    inferred: true,
    inference:
      "That the Palembang branch serves Ogan Ilir is derived from its signing the regency's MoU ('Kantor Cabang Palembang') " +
      "and following it up with the regency's agencies. Nor is Ogan Ilir all it serves: the branch bears the name of the city " +
      "of Palembang, and the sources name no other regency for it.",
  },
];

type OptionalOfficialFields =
  | "periodStart"
  | "periodEnd"
  | "regencyCode"
  | "provinceCode"
  | "branchOfficeId"
  | "note"
  | "reportedYear"
  | "inferred"
  | "inference";
const official = (row: Omit<Official, OptionalOfficialFields> & Partial<Official>): Official => ({
  periodStart: null,
  periodEnd: null,
  regencyCode: null,
  provinceCode: null,
  branchOfficeId: null,
  note: null,
  reportedYear: null,
  inferred: false,
  inference: null,
  ...row,
});

/** Records dated by seed 000, whose printed year is corrected. */
const DATED_BY_SEED_000 = {
  inferred: true,
  inference:
    "The date is the corrected one: printed 'Senin 5 Februari 2025', read as 5 February 2024 (see the source's inference).",
};

/** Records dated by seed 004, whose year is not printed. */
const DATED_BY_SEED_004 = {
  inferred: true,
  inference: "The year of 'Jumat (13/10)' is not printed: 2023 is assumed (see the source's inference).",
};

export const OFFICIALS: Official[] = [
  official({
    id: "apriyadi-mahmud-pj-bupati-muba-2024",
    personId: "apriyadi-mahmud",
    name: "Apriyadi Mahmud",
    role: OfficialRole.ACTING_REGENT,
    title: "Pj Bupati Musi Banyuasin",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: mubaParitranaInterview.reportedOn,
    sourceId: mubaParitranaInterview.id,
    ...DATED_BY_SEED_000,
    note: "Reported on the (corrected) date of the audience, 5 February 2024.",
  }),
  official({
    id: "apriyadi-mahmud-sekda-muba-2024",
    personId: "apriyadi-mahmud",
    name: "Apriyadi Mahmud",
    role: OfficialRole.REGIONAL_SECRETARY,
    title: "Sekda Muba",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: null,
    reportedYear: 2024,
    sourceId: antaraVulnerableWorkers.id,
    note: "ANTARA calls him Sekda Muba in an article of 2024 ('pada 2024 ini'; day not printed), while seed 000 calls him Pj Bupati on 5 February 2024; both are recorded as the sources state them, and neither gives a term.",
  }),
  official({
    id: "toha-tohet-bupati-muba-2025",
    personId: "toha-tohet",
    name: "HM Toha Tohet SH",
    role: OfficialRole.REGENT,
    title: "Bupati Musi Banyuasin",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.reportedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "ardiansyah-asisten-i-muba-2025",
    personId: "ardiansyah",
    name: "Dr. Ardiansyah SE MM",
    role: OfficialRole.ASSISTANT,
    title: "Asisten I Pemerintahan dan Kesra Setkab Muba",
    organisation: "Sekretariat Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.reportedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "herryandi-sinulingga-kadisnaker-muba-2025",
    personId: "herryandi-sinulingga",
    name: "Herryandi Sinulingga",
    role: OfficialRole.LABOUR_OFFICE_HEAD,
    title: "Kepala Dinas Ketenagakerjaan Muba",
    organisation: "Dinas Ketenagakerjaan Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.reportedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "panca-wijaya-akbar-bupati-ogan-ilir-2023",
    personId: "panca-wijaya-akbar",
    name: "Panca Wijaya Akbar",
    role: OfficialRole.REGENT,
    title: "Bupati Ogan Ilir",
    organisation: "Pemerintah Kabupaten Ogan Ilir",
    regencyCode: "16.10",
    reportedOn: mediaIndonesiaOganIlirMou.reportedOn,
    sourceId: mediaIndonesiaOganIlirMou.id,
    ...DATED_BY_SEED_004,
  }),
  official({
    id: "agus-fatoni-pj-gubernur-sumsel-2024",
    personId: "agus-fatoni",
    name: "Agus Fatoni",
    role: OfficialRole.ACTING_GOVERNOR,
    title: "Pj Gubernur Sumsel",
    organisation: "Pemerintah Provinsi Sumatera Selatan",
    provinceCode: "16",
    reportedOn: null,
    sourceId: koranEnimParitrana2024.id,
    note: "Reported at the Paritrana Award 2024 of South Sumatra; the article is not dated.",
  }),
  official({
    id: "chandra-budiman-kacab-muba-2024",
    personId: "r-chandra-budiman-muba-branch",
    name: "R Chandra Budiman",
    role: OfficialRole.BRANCH_HEAD,
    title: "Kepala BPJS Ketenagakerjaan Cabang Muba",
    organisation: "BPJS Ketenagakerjaan",
    regencyCode: "16.06",
    branchOfficeId: "bpjstk-cabang-musi-banyuasin",
    reportedOn: mubaParitranaInterview.reportedOn,
    sourceId: mubaParitranaInterview.id,
    ...DATED_BY_SEED_000,
  }),
  official({
    id: "chandra-budiman-asdep-2025",
    personId: "r-chandra-budiman-asdep",
    name: "R. Chandra Budiman",
    role: OfficialRole.BPJS_EXECUTIVE,
    title: "Asisten Deputi",
    organisation: "BPJS Ketenagakerjaan (head office, Jakarta)",
    reportedOn: jpnnCoverage2025.reportedOn,
    sourceId: jpnnCoverage2025.id,
    note: "Same name as the head of the Muba branch in February 2024 (seed 000); the sources do not say it is the same person.",
  }),
  official({
    id: "hendra-nopriansyah-deputi-2025",
    personId: "hendra-nopriansyah",
    name: "Hendra Nopriansyah",
    role: OfficialRole.BPJS_EXECUTIVE,
    title: "Deputi Bidang Kepesertaan Korporasi dan Institusi",
    organisation: "BPJS Ketenagakerjaan (head office, Jakarta)",
    reportedOn: jpnnCoverage2025.reportedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "ruszian-dedy-kacab-muara-enim-2024",
    personId: "ruszian-dedy",
    name: "Ruszian Dedy",
    role: OfficialRole.BRANCH_HEAD,
    title: "Kepala Cabang BPJS Ketenagakerjaan cabang Muara Enim",
    organisation: "BPJS Ketenagakerjaan",
    regencyCode: "16.03",
    branchOfficeId: "bpjstk-cabang-muara-enim",
    reportedOn: null,
    sourceId: koranEnimParitrana2024.id,
    note: "Reported at the Paritrana Award 2024 of South Sumatra; the article is not dated.",
  }),
  official({
    id: "moch-faisal-kacab-palembang-2023",
    personId: "moch-faisal",
    name: "Moch Faisal",
    role: OfficialRole.BRANCH_HEAD,
    title: "Kepala Kantor BPJS Ketenagakerjaan Cabang Palembang",
    organisation: "BPJS Ketenagakerjaan",
    branchOfficeId: "bpjstk-cabang-palembang",
    reportedOn: mediaIndonesiaOganIlirMou.reportedOn,
    sourceId: mediaIndonesiaOganIlirMou.id,
    ...DATED_BY_SEED_004,
  }),
  official({
    id: "niken-ariati-asdep-kemenko-pmk-2024",
    personId: "niken-ariati",
    name: "Niken Ariati",
    role: OfficialRole.MINISTRY_OFFICIAL,
    title: "Asisten Deputi Jaminan Sosial Kedeputian Bidang Koordinasi Peningkatan Kesejahteraan Sosial",
    organisation: "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan (Kemenko PMK)",
    reportedOn: null,
    sourceId: antaraVulnerableWorkers.id,
    note: "Spoke on coordination with Pemkab Muba on vulnerable and non-ASN workers; the article gives no date ('sebelumnya', earlier).",
  }),
];

export const AGREEMENTS: Agreement[] = [
  {
    id: "ogan-ilir-bpjstk-palembang-mou-2023",
    kind: AgreementKind.MOU,
    title:
      "Nota Kesepakatan optimalisasi pelaksanaan program jaminan sosial ketenagakerjaan di Kabupaten Ogan Ilir",
    parties: [
      "Pemerintah Kabupaten Ogan Ilir (Bupati Panca Wijaya Akbar)",
      "BPJS Ketenagakerjaan Kantor Cabang Palembang",
    ],
    regencyCode: "16.10",
    branchOfficeId: "bpjstk-cabang-palembang",
    signedOn: null,
    reportedOn: mediaIndonesiaOganIlirMou.reportedOn,
    purpose:
      "Mengoptimalkan pelaksanaan program jaminan sosial ketenagakerjaan di Kabupaten Ogan Ilir, bagi pegawai non ASN hingga perangkat desa: kampanye dan sosialisasi program, dan kerja sama dengan pemangku kepentingan untuk pelayanan, kepatuhan, dan kemudahan pembayaran iuran.",
    followUp:
      "Peraturan Bupati dan Perjanjian Kerja Sama oleh Perangkat Daerah terkait dengan BPJS Ketenagakerjaan Cabang Palembang.",
    sourceId: mediaIndonesiaOganIlirMou.id,
    note: "The article (Friday 13 October, the year not printed) reports the signing as done; the signing date itself is not printed.",
    ...DATED_BY_SEED_004,
  },
];
