import { FigureStatus, SEED_SOURCES } from "@cakupan/kit";
import { CoverageMeasure, DatePrecision, ParticipantCategory } from "../coverage/coverage-report.entity";
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
      measure: CoverageMeasure.ACTIVE,
      measureAsPrinted: "tenaga kerja aktif",
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
      measure: CoverageMeasure.REGISTERED,
      measureAsPrinted: "pekerja terdaftar",
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
      measure: CoverageMeasure.ACTIVE,
      measureAsPrinted: "tenaga kerja ... yang sudah terlindungi",
      inference:
        "The date's year and the measure are derived. 'Jumat (13/10)' prints no year: 2023 is assumed (see the source's " +
        "inference). 'sudah terlindungi' (already protected) is read as active participation: the article does not say " +
        "active or registered.",
      parts: [
        {
          category: ParticipantCategory.WAGE_EARNER,
          persons: 30000,
          status: FigureStatus.ESTIMATE,
          note: "'30.000 tenaga kerja pada pemberi kerja formal' (workers of formal employers).",
          inference:
            "'tenaga kerja pada pemberi kerja formal' (workers of formal employers) is filed as wage earners (PU).",
        },
        {
          category: ParticipantCategory.NON_ASN_STAFF,
          persons: 1328,
          status: FigureStatus.REPORTED,
          note: "'pekerja non ASN Kabupaten Ogan Ilir yang telah terdaftar saat ini sebanyak 1.328 orang'.",
        },
        {
          category: ParticipantCategory.VILLAGE_OFFICIAL,
          persons: 3716,
          status: FigureStatus.REPORTED,
          note: "'Perangkat Desa ... sebanyak 3.716 orang'.",
        },
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
    measure: CoverageMeasure.REGISTERED,
    measureAsPrinted: "menjangkau ... pekerja rentan di dalam BPJS Ketenagakerjaan",
    inferred: true,
    inference:
      "The date is derived: the article ('pada 2024 ini', a Wednesday) dates the statement to 2024 only and says the 11,000 " +
      "were reached before it; 2024-01-01, the year's first day, stands for it (asOfPrecision YEAR). 'menjangkau ... di " +
      "dalam BPJS Ketenagakerjaan' (reached, brought into BPJS) is read as registered, not necessarily active.",
    parts: [
      {
        category: ParticipantCategory.VULNERABLE_WORKER,
        persons: 11000,
        status: FigureStatus.ESTIMATE,
        note: "'menjangkau 11.000 pekerja rentan', rounded.",
        inferred: false,
        inference: null,
      },
      {
        category: ParticipantCategory.APBD,
        persons: 11000,
        status: FigureStatus.ESTIMATE,
        note: "'yang ditanggung Pemkab' (borne by the regency government).",
        inferred: true,
        inference:
          "The funding is derived: 'BPJS Ketenagakerjaan yang ditanggung Pemkab' (borne by the regency government) is read as " +
          "paid from the regency budget (APBD) for all 11,000; the article names no budget and says it of the enrolment it will " +
          "continue, not expressly of the 11,000 already reached.",
      },
    ],
    note: "The article is dated only to 2024 ('pada 2024 ini'; a Wednesday), after the Paritrana Award 2023. No total is given.",
  },
];
