/** Indonesian by default; English on request. */
export type Language = "id" | "en";

export const STRINGS = {
  id: {
    title: "Cakupan JSK",
    settings: "Pengaturan",
    gatewayUrl: "URL gateway",
    token: "Token akses (opsional)",
    language: "Bahasa",
    save: "Simpan",
    province: "Provinsi",
    regencies: "Kabupaten/kota (kosong: semua)",
    search: "Cari nama atau singkatan…",
    metrics: "Kolom",
    asOf: "Per tanggal (kosong: hari ini)",
    insertTable: "Sisipkan tabel",
    refresh: "Segarkan",
    lastRefreshed: "Terakhir disegarkan",
    never: "belum pernah",
    sources: "Sumber",
    inferredLabel: "Disimpulkan",
    staleLabel: "Kedaluwarsa",
    inserted: (rows: number) => `Tabel dengan ${rows} baris disisipkan.`,
    refreshed: (tables: number) => `${tables} tabel disegarkan dan fungsi JSK dihitung ulang.`,
    saved: "Pengaturan disimpan.",
    choose: "Pilih provinsi atau kabupaten/kota dulu.",
  },
  en: {
    title: "Cakupan JSK",
    settings: "Settings",
    gatewayUrl: "Gateway URL",
    token: "Access token (optional)",
    language: "Language",
    save: "Save",
    province: "Province",
    regencies: "Regencies/cities (none: all)",
    search: "Search a name or alias…",
    metrics: "Columns",
    asOf: "As of (empty: today)",
    insertTable: "Insert table",
    refresh: "Refresh",
    lastRefreshed: "Last refreshed",
    never: "never",
    sources: "Sources",
    inferredLabel: "Inferred",
    staleLabel: "Stale",
    inserted: (rows: number) => `Inserted a table of ${rows} rows.`,
    refreshed: (tables: number) => `Refreshed ${tables} table(s) and recalculated the JSK functions.`,
    saved: "Settings saved.",
    choose: "Choose a province or regencies first.",
  },
} satisfies Record<Language, Record<string, string | ((n: number) => string)>>;

/** Column headers of inserted tables, per language. */
export const FIELD_LABELS: Record<Language, Record<string, string>> = {
  id: {
    code: "Kode", name: "Nama", province: "Provinsi", asOf: "Per tanggal", active: "Peserta aktif", workforce: "Potensi tenaga kerja",
    rate: "Cakupan", target: "Target", gap: "Kekurangan", pace: "Laju per bulan", status: "Status", source: "Sumber", flags: "Tanda",
    figureStatus: "Status angka", measure: "Ukuran", inferred: "Disimpulkan", ageMonths: "Umur (bulan)", stale: "Kedaluwarsa",
  },
  en: {
    code: "Code", name: "Name", province: "Province", asOf: "As of", active: "Active participants", workforce: "Workforce",
    rate: "Coverage", target: "Target", gap: "Gap", pace: "Monthly pace", status: "Status", source: "Source", flags: "Flags",
    figureStatus: "Figure status", measure: "Measure", inferred: "Inferred", ageMonths: "Age (months)", stale: "Stale",
  },
};

/** The dashboard's badges, as words in a table cell. */
export const FLAG_LABELS: Record<Language, Record<string, string>> = {
  id: {
    NO_REPORT: "belum ada laporan", ESTIMATE: "PERKIRAAN", NO_WORKFORCE: "tanpa potensi TK", DISCREPANCY: "SELISIH", STALE: "LAMA",
    INFERRED: "DISIMPULKAN",
  },
  en: {
    NO_REPORT: "no report yet", ESTIMATE: "ESTIMATE", NO_WORKFORCE: "no workforce", DISCREPANCY: "DISCREPANCY", STALE: "STALE",
    INFERRED: "INFERRED",
  },
};
