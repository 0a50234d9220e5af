import type { Source } from "./source";

/**
 * The source articles in shared/seeds/ (Indonesian news), described once for every subgraph.
 * Only what the documents say, or what follows from them with the reasoning in dateNote/notes.
 */
export const SEED_SOURCES = {
  mubaParitranaInterview: {
    id: "seed-000-muba-paritrana-interview",
    publisher: null,
    title: null,
    publishedOn: null,
    reportedOn: "2024-02-05",
    dateAsPrinted: "Senin 5 Februari 2025",
    dateNote:
      "The printed date is that of the audience the article reports, not of publication, which the seed text does not show. Printed as Monday 5 February 2025, but 5 February 2025 was a Wednesday; 5 February 2024 was a Monday, and the article announces the interview for 19 February 2024. Corrected to 2024-02-05.",
    inferred: true,
    inference:
      "reportedOn 2024-02-05: 'Senin 5 Februari 2025' read as Monday 5 February 2024, because 5 February 2024 was a Monday (2025's was a Wednesday) and the article announces 'wawancarai pada 19 Februari 2024 nanti' as still to come.",
    link: null,
    seedFile: "000_5810a5107e5135cb.txt",
    cites: null,
    notes: [
      "The seed text names no publisher and carries no headline.",
      "One sentence is garbled in the original: 'berdasgakerjaanarkan data Muba masuk radar penilaian ... BPJS Ketena.' (words spliced).",
    ],
  },
  antaraVulnerableWorkers: {
    id: "seed-001-antara-muba-pekerja-rentan",
    publisher: "ANTARA",
    title: "Pemkab Muba sinergi BPJS Ketenagakerjaan genjot kepesertaan pekerja rentan",
    publishedOn: null,
    reportedOn: null,
    dateAsPrinted: "Rabu (Wednesday), 'pada 2024 ini'",
    dateNote:
      "Only the weekday (Rabu) and the year (2024, 'pada 2024 ini') are given; neither the statement's full date nor the publication date is printed.",
    inferred: false,
    inference: null,
    link: null,
    seedFile: "001_17b48849501ff260.txt",
    cites: null,
    notes: ["'11.000 pekerja rentan' is a rounded figure ('menjangkau 11.000')."],
  },
  koranEnimParitrana2024: {
    id: "seed-002-koranenimekspres-paritrana-2024",
    publisher: "Koran Enim Ekspres (koranenimekspres.com)",
    title: null,
    publishedOn: null,
    reportedOn: null,
    dateAsPrinted: "kemarin (yesterday)",
    dateNote:
      "Undated; it reports the Paritrana Award 2024 of South Sumatra province, held 'kemarin' (the day before publication).",
    inferred: false,
    inference: null,
    link: null,
    seedFile: "002_06fed9a3d2c0ad85.txt",
    cites: null,
    notes: ["The seed text carries no headline.", "It says the award has 8 categories but names only four."],
  },
  jpnnCoverage2025: {
    id: "seed-003-jpnn-muba-coverage-2025",
    publisher: "JPNN.com",
    title: "Pemkab Muba Berkomitmen Semua Pekerja di Musi Banyuasin Dapat Perlindungan yang Layak",
    publishedOn: "2025-09-18",
    reportedOn: "2025-09-18",
    dateAsPrinted: "date 2025-09-18 (page header); Kamis (18/9) (the statement)",
    dateNote:
      "The page header dates the article 2025-09-18; the statement it quotes is of 'Kamis (18/9)', the same day (18 September 2025 was a Thursday).",
    inferred: false,
    inference: null,
    link: null,
    seedFile: "003_c9fd771f1e448895.txt",
    cites: "Badan Pusat Statistik (BPS) 2025, for the workforce (potensi tenaga kerja)",
    notes: [
      "The article claims about 21,311 more participants were needed to reach the 52.15% target; its own figures do not give that number (see the participants subgraph's discrepancies).",
    ],
  },
  mediaIndonesiaOganIlirMou: {
    id: "seed-004-mediaindonesia-ogan-ilir-mou",
    publisher: "Media Indonesia (mediaindonesia.com), as republished by visitaaponce.com",
    title: "Pemkab Ogan Ilir Optimalkan Jaminan Sosial Ketenagakerjaan",
    publishedOn: null,
    reportedOn: "2023-10-13",
    dateAsPrinted: "Jumat (13/10)",
    dateNote:
      "'Jumat (13/10)' dates the regent's statement at the MoU signing, not the publication, which the seed text does not show; its year is not printed.",
    inferred: true,
    inference:
      "reportedOn 2023-10-13: the year of 'Jumat (13/10)' is assumed. 13 October fell on a Friday in 2006, 2017, 2023 and 2028; BPJS Ketenagakerjaan, which the article names, took that name only in 2014, 2028 is still to come, and the page asks readers to follow a 'WhatsApp channel', a feature that first appeared in 2023, so 2023 is taken. A hint, not proof: a republished page may carry a newer footer.",
    link: null,
    seedFile: "004_19ae97ed5e4c1f0a.txt",
    cites: null,
    notes: ["Participant figures are rounded ('sekitar 35.000', '30.000')."],
  },
} satisfies Record<string, Source>;

export const ALL_SEED_SOURCES: Source[] = Object.values(SEED_SOURCES);
