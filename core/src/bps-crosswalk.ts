/**
 * BPS regency codes (kode wilayah kerja statistik) and the Kemendagri codes of the same regencies, where the
 * two differ.
 *
 * Source: BPS's bridging service of its statistical area codes and Kemendagri's (Sistem Informasi Geografis
 * BPS, "Bridging Kode", sig.bps.go.id/bridging-kode), which relates BPS's codes of 2020 semester 2 with
 * Kemendagri's codes of 2020; as collected from that service on 22 May 2022 in the public table
 * "Kode Wilayah Administrasi Indonesia Relasi BPS-Kemendagri" (GitHub zakiego, csv/kabkota.csv, commit
 * 8d5e83e). Every one of its 514 rows was checked against the region master (idn-area-data 4.0.1, Kemendagri
 * 2025): 488 Kemendagri codes name the same regency today. 26 do not exist any more: Kemendagri renumbered
 * the regencies that moved to Papua's new provinces in 2022 (Papua Selatan 93, Papua Tengah 94, Papua
 * Pegunungan 95, Papua Barat Daya 96); each of those is pointed at the one regency of the same kind and name
 * in the master, and marked MOVED_2022.
 *
 * What this does not know: BPS codes BPS gave after 2020 (in particular to Papua's new provinces); a code
 * that is in neither list below is not read as a BPS code.
 */
export interface BpsCrosswalkEntry {
  /** The BPS code, four digits: "1101". */
  bps: string;
  /** The Kemendagri code of the same regency today: "11.09". */
  kemendagri: string;
  /** The regency moved to one of Papua's new provinces in 2022: Kemendagri's 2020 code was replaced. */
  moved2022: boolean;
}

export const BPS_CROSSWALK_SOURCE =
  'BPS–Kemendagri bridging of regency codes (BPS "Bridging Kode", sig.bps.go.id; BPS codes of 2020 semester 2), ' +
  "checked against idn-area-data 4.0.1";

const MOVED_2022 = true;

/** BPS code and Kemendagri code, where they differ (199 of BPS's 514 regencies of 2020). */
const DIFFERING: [bps: string, kemendagri: string, moved2022?: boolean][] = [
  ["1101", "11.09"], // SIMEULUE
  ["1102", "11.10"], // ACEH SINGKIL
  ["1103", "11.01"], // ACEH SELATAN
  ["1104", "11.02"], // ACEH TENGGARA
  ["1105", "11.03"], // ACEH TIMUR
  ["1106", "11.04"], // ACEH TENGAH
  ["1107", "11.05"], // ACEH BARAT
  ["1108", "11.06"], // ACEH BESAR
  ["1109", "11.07"], // PIDIE
  ["1110", "11.11"], // BIREUEN
  ["1111", "11.08"], // ACEH UTARA
  ["1114", "11.16"], // ACEH TAMIANG
  ["1116", "11.14"], // ACEH JAYA
  ["1173", "11.74"], // LANGSA
  ["1174", "11.73"], // LHOKSEUMAWE
  ["1201", "12.04"], // NIAS
  ["1202", "12.13"], // MANDAILING NATAL
  ["1204", "12.01"], // TAPANULI TENGAH
  ["1205", "12.02"], // TAPANULI UTARA
  ["1206", "12.12"], // TOBA SAMOSIR
  ["1207", "12.10"], // LABUHAN BATU
  ["1208", "12.09"], // ASAHAN
  ["1209", "12.08"], // SIMALUNGUN
  ["1210", "12.11"], // DAIRI
  ["1211", "12.06"], // KARO
  ["1212", "12.07"], // DELI SERDANG
  ["1213", "12.05"], // LANGKAT
  ["1215", "12.16"], // HUMBANG HASUNDUTAN
  ["1216", "12.15"], // PAKPAK BHARAT
  ["1271", "12.73"], // SIBOLGA
  ["1272", "12.74"], // TANJUNG BALAI
  ["1273", "12.72"], // PEMATANG SIANTAR
  ["1274", "12.76"], // TEBING TINGGI
  ["1275", "12.71"], // MEDAN
  ["1276", "12.75"], // BINJAI
  ["1301", "13.09"], // KEPULAUAN MENTAWAI
  ["1302", "13.01"], // PESISIR SELATAN
  ["1303", "13.02"], // SOLOK
  ["1304", "13.03"], // SIJUNJUNG
  ["1305", "13.04"], // TANAH DATAR
  ["1306", "13.05"], // PADANG PARIAMAN
  ["1307", "13.06"], // AGAM
  ["1308", "13.07"], // LIMA PULUH KOTA
  ["1309", "13.08"], // PASAMAN
  ["1310", "13.11"], // SOLOK SELATAN
  ["1311", "13.10"], // DHARMASRAYA
  ["1401", "14.09"], // KUANTAN SINGINGI
  ["1403", "14.04"], // INDRAGIRI HILIR
  ["1404", "14.05"], // PELALAWAN
  ["1405", "14.08"], // S I A K
  ["1406", "14.01"], // KAMPAR
  ["1407", "14.06"], // ROKAN HULU
  ["1408", "14.03"], // BENGKALIS
  ["1409", "14.07"], // ROKAN HILIR
  ["1473", "14.72"], // D U M A I
  ["1506", "15.07"], // TANJUNG JABUNG TIMUR
  ["1507", "15.06"], // TANJUNG JABUNG BARAT
  ["1508", "15.09"], // TEBO
  ["1509", "15.08"], // BUNGO
  ["1608", "16.09"], // OGAN KOMERING ULU SELATAN
  ["1609", "16.08"], // OGAN KOMERING ULU TIMUR
  ["1672", "16.74"], // PRABUMULIH
  ["1673", "16.72"], // PAGAR ALAM
  ["1674", "16.73"], // LUBUKLINGGAU
  ["1801", "18.04"], // LAMPUNG BARAT
  ["1802", "18.06"], // TANGGAMUS
  ["1803", "18.01"], // LAMPUNG SELATAN
  ["1804", "18.07"], // LAMPUNG TIMUR
  ["1805", "18.02"], // LAMPUNG TENGAH
  ["1806", "18.03"], // LAMPUNG UTARA
  ["1807", "18.08"], // WAY KANAN
  ["1808", "18.05"], // TULANGBAWANG
  ["1903", "19.05"], // BANGKA BARAT
  ["1905", "19.03"], // BANGKA SELATAN
  ["2101", "21.02"], // KARIMUN
  ["2102", "21.01"], // BINTAN
  ["3171", "31.74"], // JAKARTA SELATAN
  ["3172", "31.75"], // JAKARTA TIMUR
  ["3173", "31.71"], // JAKARTA PUSAT
  ["3174", "31.73"], // JAKARTA BARAT
  ["3175", "31.72"], // JAKARTA UTARA
  ["5301", "53.12"], // SUMBA BARAT
  ["5302", "53.11"], // SUMBA TIMUR
  ["5303", "53.01"], // KUPANG
  ["5304", "53.02"], // TIMOR TENGAH SELATAN
  ["5305", "53.03"], // TIMOR TENGAH UTARA
  ["5306", "53.04"], // BELU
  ["5307", "53.05"], // ALOR
  ["5308", "53.13"], // LEMBATA
  ["5309", "53.06"], // FLORES TIMUR
  ["5310", "53.07"], // SIKKA
  ["5311", "53.08"], // ENDE
  ["5312", "53.09"], // NGADA
  ["5313", "53.10"], // MANGGARAI
  ["5316", "53.17"], // SUMBA TENGAH
  ["5317", "53.18"], // SUMBA BARAT DAYA
  ["5318", "53.16"], // NAGEKEO
  ["6102", "61.07"], // BENGKAYANG
  ["6103", "61.08"], // LANDAK
  ["6104", "61.02"], // MEMPAWAH
  ["6105", "61.03"], // SANGGAU
  ["6106", "61.04"], // KETAPANG
  ["6107", "61.05"], // SINTANG
  ["6108", "61.06"], // KAPUAS HULU
  ["6206", "62.08"], // SUKAMARA
  ["6207", "62.09"], // LAMANDAU
  ["6208", "62.07"], // SERUYAN
  ["6209", "62.06"], // KATINGAN
  ["6210", "62.11"], // PULANG PISAU
  ["6211", "62.10"], // GUNUNG MAS
  ["6212", "62.13"], // BARITO TIMUR
  ["6213", "62.12"], // MURUNG RAYA
  ["6402", "64.07"], // KUTAI BARAT
  ["6403", "64.02"], // KUTAI KARTANEGARA
  ["6404", "64.08"], // KUTAI TIMUR
  ["6405", "64.03"], // BERAU
  ["6501", "65.02"], // MALINAU
  ["6502", "65.01"], // BULUNGAN
  ["6503", "65.04"], // TANA TIDUNG
  ["6504", "65.03"], // NUNUKAN
  ["7107", "71.08"], // BOLAANG MONGONDOW UTARA
  ["7108", "71.09"], // SIAU TAGULANDANG BIARO
  ["7109", "71.07"], // MINAHASA TENGGARA
  ["7110", "71.11"], // BOLAANG MONGONDOW SELATAN
  ["7111", "71.10"], // BOLAANG MONGONDOW TIMUR
  ["7201", "72.07"], // BANGGAI KEPULAUAN
  ["7202", "72.01"], // BANGGAI
  ["7203", "72.06"], // MOROWALI
  ["7204", "72.02"], // POSO
  ["7205", "72.03"], // DONGGALA
  ["7206", "72.04"], // TOLI-TOLI
  ["7207", "72.05"], // BUOL
  ["7308", "73.09"], // MAROS
  ["7309", "73.10"], // PANGKAJENE DAN KEPULAUAN
  ["7310", "73.11"], // BARRU
  ["7311", "73.08"], // BONE
  ["7325", "73.24"], // LUWU TIMUR
  ["7401", "74.04"], // BUTON
  ["7402", "74.03"], // MUNA
  ["7403", "74.02"], // KONAWE
  ["7404", "74.01"], // KOLAKA
  ["7409", "74.10"], // BUTON UTARA
  ["7410", "74.09"], // KONAWE UTARA
  ["7501", "75.02"], // BOALEMO
  ["7502", "75.01"], // GORONTALO
  ["7503", "75.04"], // POHUWATO
  ["7504", "75.03"], // BONE BOLANGO
  ["7601", "76.05"], // MAJENE
  ["7602", "76.04"], // POLEWALI MANDAR
  ["7604", "76.02"], // MAMUJU
  ["7605", "76.01"], // PASANGKAYU
  ["8101", "81.03"], // KEPULAUAN TANIMBAR
  ["8103", "81.01"], // MALUKU TENGAH
  ["8105", "81.07"], // KEPULAUAN ARU
  ["8107", "81.05"], // SERAM BAGIAN TIMUR
  ["8203", "82.05"], // KEPULAUAN SULA
  ["8205", "82.03"], // HALMAHERA UTARA
  ["9101", "92.03"], // FAKFAK
  ["9102", "92.08"], // KAIMANA
  ["9103", "92.07"], // TELUK WONDAMA
  ["9104", "92.06"], // TELUK BINTUNI
  ["9105", "92.02"], // MANOKWARI
  ["9106", "96.02", MOVED_2022], // SORONG SELATAN
  ["9107", "96.01", MOVED_2022], // SORONG
  ["9108", "96.03", MOVED_2022], // RAJA AMPAT
  ["9109", "96.04", MOVED_2022], // TAMBRAUW
  ["9110", "96.05", MOVED_2022], // MAYBRAT
  ["9111", "92.11"], // MANOKWARI SELATAN
  ["9112", "92.12"], // PEGUNUNGAN ARFAK
  ["9171", "96.71", MOVED_2022], // SORONG
  ["9401", "93.01", MOVED_2022], // MERAUKE
  ["9402", "95.01", MOVED_2022], // JAYAWIJAYA
  ["9403", "91.03"], // JAYAPURA
  ["9404", "94.01", MOVED_2022], // NABIRE
  ["9408", "91.05"], // KEPULAUAN YAPEN
  ["9409", "91.06"], // BIAK NUMFOR
  ["9410", "94.03", MOVED_2022], // PANIAI
  ["9411", "94.02", MOVED_2022], // PUNCAK JAYA
  ["9412", "94.04", MOVED_2022], // MIMIKA
  ["9413", "93.02", MOVED_2022], // BOVEN DIGOEL
  ["9414", "93.03", MOVED_2022], // MAPPI
  ["9415", "93.04", MOVED_2022], // ASMAT
  ["9416", "95.03", MOVED_2022], // YAHUKIMO
  ["9417", "95.02", MOVED_2022], // PEGUNUNGAN BINTANG
  ["9418", "95.04", MOVED_2022], // TOLIKARA
  ["9419", "91.10"], // SARMI
  ["9420", "91.11"], // KEEROM
  ["9426", "91.15"], // WAROPEN
  ["9427", "91.19"], // SUPIORI
  ["9428", "91.20"], // MAMBERAMO RAYA
  ["9429", "95.08", MOVED_2022], // NDUGA
  ["9430", "95.07", MOVED_2022], // LANNY JAYA
  ["9431", "95.05", MOVED_2022], // MAMBERAMO TENGAH
  ["9432", "95.06", MOVED_2022], // YALIMO
  ["9433", "94.05", MOVED_2022], // PUNCAK
  ["9434", "94.06", MOVED_2022], // DOGIYAI
  ["9435", "94.07", MOVED_2022], // INTAN JAYA
  ["9436", "94.08", MOVED_2022], // DEIYAI
  ["9471", "91.71"], // JAYAPURA
];

/** The BPS codes of 2020 whose digits are the regency's Kemendagri code (315): "1606" is 16.06 in both. */
const SAME =
  "1112 1113 1115 1117 1118 1171 1172 1175 1203 1214 1217 1218 1219 1220 1221 1222 1223 1224 1225 1277 1278 1312 1371 1372 1373 1374 1375 1376 1377 1402 1410 1471 1501 1502 1503 1504 1505 1571 1572 1601 1602 1603 1604 1605 1606 1607 1610 1611 1612 1613 1671 1701 1702 1703 1704 1705 1706 1707 1708 1709 1771 1809 1810 1811 1812 1813 1871 1872 1901 1902 1904 1906 1971 2103 2104 2105 2171 2172 3101 3201 3202 3203 3204 3205 3206 3207 3208 3209 3210 3211 3212 3213 3214 3215 3216 3217 3218 3271 3272 3273 3274 3275 3276 3277 3278 3279 3301 3302 3303 3304 3305 3306 3307 3308 3309 3310 3311 3312 3313 3314 3315 3316 3317 3318 3319 3320 3321 3322 3323 3324 3325 3326 3327 3328 3329 3371 3372 3373 3374 3375 3376 3401 3402 3403 3404 3471 3501 3502 3503 3504 3505 3506 3507 3508 3509 3510 3511 3512 3513 3514 3515 3516 3517 3518 3519 3520 3521 3522 3523 3524 3525 3526 3527 3528 3529 3571 3572 3573 3574 3575 3576 3577 3578 3579 3601 3602 3603 3604 3671 3672 3673 3674 5101 5102 5103 5104 5105 5106 5107 5108 5171 5201 5202 5203 5204 5205 5206 5207 5208 5271 5272 5314 5315 5319 5320 5321 5371 6101 6109 6110 6111 6112 6171 6172 6201 6202 6203 6204 6205 6271 6301 6302 6303 6304 6305 6306 6307 6308 6309 6310 6311 6371 6372 6401 6409 6411 6471 6472 6474 6571 7101 7102 7103 7104 7105 7106 7171 7172 7173 7174 7208 7209 7210 7211 7212 7271 7301 7302 7303 7304 7305 7306 7307 7312 7313 7314 7315 7316 7317 7318 7322 7326 7371 7372 7373 7405 7406 7407 7408 7411 7412 7413 7414 7415 7471 7472 7505 7571 7603 7606 8102 8104 8106 8108 8109 8171 8172 8201 8202 8204 8206 8207 8208 8271 8272".split(
    " ",
  );

export const BPS_CROSSWALK: readonly BpsCrosswalkEntry[] = DIFFERING.map(([bps, kemendagri, moved2022]) => ({
  bps,
  kemendagri,
  moved2022: moved2022 === true,
}));

const byBps = new Map<string, string>([
  ...SAME.map((code): [string, string] => [code, `${code.slice(0, 2)}.${code.slice(2)}`]),
  ...DIFFERING.map(([bps, kemendagri]): [string, string] => [bps, kemendagri]),
]);

/** The Kemendagri code of a BPS regency code ("1101" -> "11.09"), or null for a code BPS did not use in 2020. */
export function kemendagriCodeOfBps(bps: string): string | null {
  return byBps.get(bps) ?? null;
}

/**
 * Kemendagri codes retired in 2022, when the regencies that moved to Papua's new provinces were renumbered
 * (the same source's Kemendagri 2020 column, matched by name to the master): a sheet from before then may
 * still hold them. None is reused by the master.
 */
const RENUMBERED_2022: [before: string, now: string][] = [
  ["92.04", "96.02"], // SORONG SELATAN
  ["92.01", "96.01"], // SORONG
  ["92.05", "96.03"], // RAJA AMPAT
  ["92.09", "96.04"], // TAMBRAUW
  ["92.10", "96.05"], // MAYBRAT
  ["92.71", "96.71"], // SORONG
  ["91.01", "93.01"], // MERAUKE
  ["91.02", "95.01"], // JAYAWIJAYA
  ["91.04", "94.01"], // NABIRE
  ["91.08", "94.03"], // PANIAI
  ["91.07", "94.02"], // PUNCAK JAYA
  ["91.09", "94.04"], // MIMIKA
  ["91.16", "93.02"], // BOVEN DIGOEL
  ["91.17", "93.03"], // MAPPI
  ["91.18", "93.04"], // ASMAT
  ["91.13", "95.03"], // YAHUKIMO
  ["91.12", "95.02"], // PEGUNUNGAN BINTANG
  ["91.14", "95.04"], // TOLIKARA
  ["91.24", "95.08"], // NDUGA
  ["91.23", "95.07"], // LANNY JAYA
  ["91.21", "95.05"], // MAMBERAMO TENGAH
  ["91.22", "95.06"], // YALIMO
  ["91.25", "94.05"], // PUNCAK
  ["91.26", "94.06"], // DOGIYAI
  ["91.27", "94.07"], // INTAN JAYA
  ["91.28", "94.08"], // DEIYAI
];

const renumbered = new Map(RENUMBERED_2022);

/** The Kemendagri code a regency has had since 2022, for its code before ("91.01" -> "93.01"), else null. */
export function kemendagriCodeRenumbered2022(before: string): string | null {
  return renumbered.get(before) ?? null;
}
