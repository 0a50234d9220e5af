import { FigureStatus, SEED_SOURCES } from "@cakupan/kit";
import { DatePrecision, ParticipantCategory } from "../coverage/coverage-report.entity";
import type { CoverageReportInput } from "../coverage/coverage-report.input";

const { antaraVulnerableWorkers, jpnnCoverage2025, mediaIndonesiaOganIlirMou } = SEED_SOURCES;

export interface SeedReport {
  sourceId: string;
  report: Omit<CoverageReportInput, "source">;
}

/** Every participant figure of the seed articles, as the articles give them. */
export const SEED_REPORTS: SeedReport[] = [
  {
    sourceId: jpnnCoverage2025.id,
    report: {
      regencyCode: "16.06",
      asOf: new Date("2024-12-31"),
      asOfPrecision: DatePrecision.MONTH,
      activeParticipants: 88958,
      status: FigureStatus.REPORTED,
      parts: [],
      claimedRate: 0.4165,
      note: "'posisi Desember 2024 yang hanya mencapai 41,65 persen dengan 88.958 tenaga kerja aktif' (Hendra Nopriansyah, BPJS Ketenagakerjaan). The month is stored as its last day.",
    },
  },
  {
    sourceId: jpnnCoverage2025.id,
    report: {
      regencyCode: "16.06",
      asOf: new Date("2025-07-31"),
      asOfPrecision: DatePrecision.MONTH,
      activeParticipants: 103079,
      status: FigureStatus.REPORTED,
      parts: [],
      claimedRate: 0.4826,
      claimedGap: 21311,
      claimedGapTarget: 0.5215,
      claimedGapYear: 2025,
      note: "'hingga Juli 2025 telah mencapai 48,26 persen, dengan 103.079 pekerja terdaftar'; 'masih perlu mengejar sekitar 21.311 peserta untuk mencapai target nasional 52,15 persen pada tahun 2025'. The largest enrolment came from vulnerable village workers registered through the regency budget (APBD); the article gives no number for it.",
    },
  },
  {
    sourceId: mediaIndonesiaOganIlirMou.id,
    report: {
      regencyCode: "16.10",
      asOf: new Date("2023-10-13"),
      asOfPrecision: DatePrecision.DAY,
      activeParticipants: 35000,
      status: FigureStatus.ESTIMATE,
      parts: [
        {
          category: ParticipantCategory.WAGE_EARNER,
          persons: 30000,
          status: FigureStatus.ESTIMATE,
          note: "'30.000 tenaga kerja pada pemberi kerja formal' (workers of formal employers).",
        },
        { category: ParticipantCategory.NON_ASN_STAFF, persons: 1328, status: FigureStatus.REPORTED, note: "'pekerja non ASN Kabupaten Ogan Ilir yang telah terdaftar saat ini sebanyak 1.328 orang'." },
        { category: ParticipantCategory.VILLAGE_OFFICIAL, persons: 3716, status: FigureStatus.REPORTED, note: "'Perangkat Desa ... sebanyak 3.716 orang'." },
      ],
      note: "'sekitar 35.000 jiwa' (Moch Faisal, BPJS Ketenagakerjaan Cabang Palembang). The three parts add up to 35,044, in line with the rounded total.",
    },
  },
];

/** A figure that gives parts but no total: recorded as a report without activeParticipants. */
export const SEED_PARTIAL_REPORTS = [
  {
    sourceId: antaraVulnerableWorkers.id,
    regencyCode: "16.06",
    asOf: "2024-01-01",
    asOfPrecision: DatePrecision.YEAR,
    status: FigureStatus.ESTIMATE,
    parts: [
      { category: ParticipantCategory.VULNERABLE_WORKER, persons: 11000, status: FigureStatus.ESTIMATE, note: "'menjangkau 11.000 pekerja rentan', rounded." },
      { category: ParticipantCategory.APBD, persons: 11000, status: FigureStatus.ESTIMATE, note: "'yang ditanggung Pemkab': paid from the regency budget." },
    ],
    note: "The article is dated only to 2024 ('pada 2024 ini'; a Wednesday), after the Paritrana Award 2023; the year's first day stands for it. No total is given.",
  },
];
