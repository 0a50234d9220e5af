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

const { mubaParitranaInterview, antaraVulnerableWorkers, koranEnimParitrana2024, jpnnCoverage2025, mediaIndonesiaOganIlirMou } = SEED_SOURCES;

type Row<T> = Omit<T, "id" | "countAll">;

const ACRONYM = "Acronym of the official name, in common use in the regional press";

/** Curated short names for the regencies and cities of South Sumatra (16); aliases.ts adds the government forms. */
export const CURATED_ALIASES: { regencyCode: string; alias: string; rationale: string; sourceId: string | null }[] = [
  { regencyCode: "16.01", alias: "OKU", rationale: `${ACRONYM} (Ogan Komering Ulu); used in seed 000 ("Warga OKU").`, sourceId: mubaParitranaInterview.id },
  { regencyCode: "16.02", alias: "OKI", rationale: `${ACRONYM} (Ogan Komering Ilir).`, sourceId: null },
  { regencyCode: "16.03", alias: "Muaraenim", rationale: "Spelling variant written as one word.", sourceId: null },
  { regencyCode: "16.05", alias: "Mura", rationale: `${ACRONYM} (Musi Rawas).`, sourceId: null },
  { regencyCode: "16.06", alias: "Muba", rationale: `${ACRONYM} (Musi Banyuasin); used throughout seeds 000, 001 and 003 ("Pemkab Muba").`, sourceId: jpnnCoverage2025.id },
  { regencyCode: "16.06", alias: "Pemkab Muba", rationale: "The regency government as seeds 001 and 003 name it.", sourceId: jpnnCoverage2025.id },
  { regencyCode: "16.08", alias: "OKU Timur", rationale: "Ogan Komering Ulu Timur with OKU abbreviated.", sourceId: null },
  { regencyCode: "16.08", alias: "OKUT", rationale: `${ACRONYM} (Ogan Komering Ulu Timur).`, sourceId: null },
  { regencyCode: "16.09", alias: "OKU Selatan", rationale: "Ogan Komering Ulu Selatan with OKU abbreviated.", sourceId: null },
  { regencyCode: "16.09", alias: "OKUS", rationale: `${ACRONYM} (Ogan Komering Ulu Selatan).`, sourceId: null },
  { regencyCode: "16.10", alias: "OI", rationale: `${ACRONYM} (Ogan Ilir).`, sourceId: null },
  { regencyCode: "16.12", alias: "PALI", rationale: `${ACRONYM} (Penukal Abab Lematang Ilir).`, sourceId: null },
  { regencyCode: "16.13", alias: "Muratara", rationale: `${ACRONYM} (Musi Rawas Utara).`, sourceId: null },
  { regencyCode: "16.71", alias: "Plg", rationale: "Common abbreviation of Palembang.", sourceId: null },
  { regencyCode: "16.72", alias: "Pagaralam", rationale: "Spelling variant written as one word.", sourceId: null },
  { regencyCode: "16.73", alias: "Lubuklinggau", rationale: "Spelling variant written as one word.", sourceId: null },
  { regencyCode: "16.73", alias: "Linggau", rationale: "Common short form of Lubuk Linggau.", sourceId: null },
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
    note: "The national Universal Coverage Jamsostek target for 2025 ('target nasional 52,15 persen pada tahun 2025'), cited by BPJS Ketenagakerjaan's Deputy for Corporate and Institutional Membership.",
  },
];

export const BRANCH_OFFICES: BranchOffice[] = [
  { id: "bpjstk-cabang-musi-banyuasin", name: "BPJS Ketenagakerjaan Cabang Musi Banyuasin", sourceId: mubaParitranaInterview.id },
  { id: "bpjstk-cabang-muara-enim", name: "BPJS Ketenagakerjaan Cabang Muara Enim", sourceId: koranEnimParitrana2024.id },
  { id: "bpjstk-cabang-palembang", name: "BPJS Ketenagakerjaan Kantor Cabang Palembang", sourceId: mediaIndonesiaOganIlirMou.id },
];

export const BRANCH_OFFICE_REGENCIES: BranchOfficeRegency[] = [
  {
    branchOfficeId: "bpjstk-cabang-musi-banyuasin",
    regencyCode: "16.06",
    basis: "The branch bears the regency's name (Cabang Muba) and the source shows it working with Pemkab Muba.",
    sourceId: mubaParitranaInterview.id,
  },
  {
    branchOfficeId: "bpjstk-cabang-muara-enim",
    regencyCode: "16.03",
    basis: "The branch bears the regency's name (Cabang Muara Enim).",
    sourceId: koranEnimParitrana2024.id,
  },
  {
    branchOfficeId: "bpjstk-cabang-palembang",
    regencyCode: "16.10",
    basis: "The branch signed the MoU with Pemkab Ogan Ilir and is to follow it up with the regency's agencies.",
    sourceId: mediaIndonesiaOganIlirMou.id,
  },
];

const official = (row: Omit<Official, "periodStart" | "periodEnd" | "regencyCode" | "provinceCode" | "branchOfficeId" | "note"> & Partial<Official>): Official => ({
  periodStart: null,
  periodEnd: null,
  regencyCode: null,
  provinceCode: null,
  branchOfficeId: null,
  note: null,
  ...row,
});

export const OFFICIALS: Official[] = [
  official({
    id: "apriyadi-mahmud-pj-bupati-muba-2024",
    name: "Apriyadi Mahmud",
    role: OfficialRole.ACTING_REGENT,
    title: "Pj Bupati Musi Banyuasin",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: mubaParitranaInterview.publishedOn,
    sourceId: mubaParitranaInterview.id,
    note: "Reported on the (corrected) date of the audience, 5 February 2024.",
  }),
  official({
    id: "apriyadi-mahmud-sekda-muba-2024",
    name: "Apriyadi Mahmud",
    role: OfficialRole.REGIONAL_SECRETARY,
    title: "Sekda Muba",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: null,
    sourceId: antaraVulnerableWorkers.id,
    note: "ANTARA calls him Sekda Muba in an article of 2024 (day not printed), while seed 000 calls him Pj Bupati on 5 February 2024; both are recorded as the sources state them.",
  }),
  official({
    id: "toha-tohet-bupati-muba-2025",
    name: "HM Toha Tohet SH",
    role: OfficialRole.REGENT,
    title: "Bupati Musi Banyuasin",
    organisation: "Pemerintah Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.publishedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "ardiansyah-asisten-i-muba-2025",
    name: "Dr. Ardiansyah SE MM",
    role: OfficialRole.ASSISTANT,
    title: "Asisten I Pemerintahan dan Kesra Setkab Muba",
    organisation: "Sekretariat Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.publishedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "herryandi-sinulingga-kadisnaker-muba-2025",
    name: "Herryandi Sinulingga",
    role: OfficialRole.LABOUR_OFFICE_HEAD,
    title: "Kepala Dinas Ketenagakerjaan Muba",
    organisation: "Dinas Ketenagakerjaan Kabupaten Musi Banyuasin",
    regencyCode: "16.06",
    reportedOn: jpnnCoverage2025.publishedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "panca-wijaya-akbar-bupati-ogan-ilir-2023",
    name: "Panca Wijaya Akbar",
    role: OfficialRole.REGENT,
    title: "Bupati Ogan Ilir",
    organisation: "Pemerintah Kabupaten Ogan Ilir",
    regencyCode: "16.10",
    reportedOn: mediaIndonesiaOganIlirMou.publishedOn,
    sourceId: mediaIndonesiaOganIlirMou.id,
  }),
  official({
    id: "agus-fatoni-pj-gubernur-sumsel-2024",
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
    name: "R Chandra Budiman",
    role: OfficialRole.BRANCH_HEAD,
    title: "Kepala BPJS Ketenagakerjaan Cabang Muba",
    organisation: "BPJS Ketenagakerjaan",
    regencyCode: "16.06",
    branchOfficeId: "bpjstk-cabang-musi-banyuasin",
    reportedOn: mubaParitranaInterview.publishedOn,
    sourceId: mubaParitranaInterview.id,
  }),
  official({
    id: "chandra-budiman-asdep-2025",
    name: "R. Chandra Budiman",
    role: OfficialRole.BPJS_EXECUTIVE,
    title: "Asisten Deputi",
    organisation: "BPJS Ketenagakerjaan (head office, Jakarta)",
    reportedOn: jpnnCoverage2025.publishedOn,
    sourceId: jpnnCoverage2025.id,
    note: "Same name as the head of the Muba branch in February 2024 (seed 000); the sources do not say it is the same person.",
  }),
  official({
    id: "hendra-nopriansyah-deputi-2025",
    name: "Hendra Nopriansyah",
    role: OfficialRole.BPJS_EXECUTIVE,
    title: "Deputi Bidang Kepesertaan Korporasi dan Institusi",
    organisation: "BPJS Ketenagakerjaan (head office, Jakarta)",
    reportedOn: jpnnCoverage2025.publishedOn,
    sourceId: jpnnCoverage2025.id,
  }),
  official({
    id: "ruszian-dedy-kacab-muara-enim-2024",
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
    name: "Moch Faisal",
    role: OfficialRole.BRANCH_HEAD,
    title: "Kepala Kantor BPJS Ketenagakerjaan Cabang Palembang",
    organisation: "BPJS Ketenagakerjaan",
    branchOfficeId: "bpjstk-cabang-palembang",
    reportedOn: mediaIndonesiaOganIlirMou.publishedOn,
    sourceId: mediaIndonesiaOganIlirMou.id,
  }),
  official({
    id: "niken-ariati-asdep-kemenko-pmk-2024",
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
    title: "Nota Kesepakatan optimalisasi pelaksanaan program jaminan sosial ketenagakerjaan di Kabupaten Ogan Ilir",
    parties: ["Pemerintah Kabupaten Ogan Ilir (Bupati Panca Wijaya Akbar)", "BPJS Ketenagakerjaan Kantor Cabang Palembang"],
    regencyCode: "16.10",
    branchOfficeId: "bpjstk-cabang-palembang",
    signedOn: null,
    reportedOn: mediaIndonesiaOganIlirMou.publishedOn,
    purpose:
      "Mengoptimalkan pelaksanaan program jaminan sosial ketenagakerjaan di Kabupaten Ogan Ilir, bagi pegawai non ASN hingga perangkat desa: kampanye dan sosialisasi program, dan kerja sama dengan pemangku kepentingan untuk pelayanan, kepatuhan, dan kemudahan pembayaran iuran.",
    followUp: "Peraturan Bupati dan Perjanjian Kerja Sama oleh Perangkat Daerah terkait dengan BPJS Ketenagakerjaan Cabang Palembang.",
    sourceId: mediaIndonesiaOganIlirMou.id,
    note: "The article (Friday 13 October 2023) reports the signing as done; the signing date itself is not printed.",
  },
];
