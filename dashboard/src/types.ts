/** The shapes of the dashboard's operations (src/operations/dashboard.graphql). */
export interface SourceRef {
  id: string;
  publisher: string | null;
  title: string | null;
  publishedOn: string | null;
  dateAsPrinted: string | null;
  link: string | null;
  seedFile: string | null;
  cites: string | null;
  notes: string[];
}

export interface Discrepancy {
  field: string;
  claimed: number;
  computed: number;
  note: string;
  source: SourceRef;
}

export interface CoverageFigures {
  asOf: string;
  activeParticipants: number;
  activeParticipantsStatus: "REPORTED" | "COMPUTED" | "ESTIMATE";
  workforce: number | null;
  workforceYear: number | null;
  rate: number | null;
  target: number | null;
  targetYear: number | null;
  targetScheme: string | null;
  gap: number | null;
  requiredMonthlyPace: number | null;
  observedMonthlyPace: number | null;
  status: "MET" | "ON_TRACK" | "BEHIND" | "MISSED" | null;
  notes: string[];
  report: {
    id: string;
    asOfPrecision: string;
    note: string | null;
    claimedRate: number | null;
    claimedGap: number | null;
  };
  discrepancies: Discrepancy[];
  sources: SourceRef[];
  /** Whole months from the report to the question date; stale when older than maxAgeMonths (12): no status. */
  ageMonths: number;
  stale: boolean;
  measure: "ACTIVE" | "REGISTERED";
  measureAsPrinted: string | null;
  /** A value derived rather than printed (the report's date, its year or its measure): inference says why. */
  inferred: boolean;
  inference: string | null;
}

export interface RegencyCoverageRow {
  code: string;
  name: string;
  shortName: string;
  coverage: CoverageFigures | null;
}

export interface ProvinceRollup {
  asOf: string;
  regencyCount: number;
  reportingCount: number;
  completeness: number;
  activeParticipants: number | null;
  workforce: number | null;
  rate: number | null;
  rateRegencyCount: number;
}

export interface NationalData {
  provinces: {
    code: string;
    name: string;
    coverage:
      | (ProvinceRollup & {
          regencies: {
            asOf: string;
            target: number | null;
            targetYear: number | null;
            activeParticipantsStatus: string;
            regency: { code: string };
          }[];
        })
      | null;
  }[];
}

export interface ProvinceData {
  province: {
    code: string;
    name: string;
    coverage: (ProvinceRollup & { missing: { code: string }[]; sources: SourceRef[] }) | null;
  } | null;
  regencies: RegencyCoverageRow[];
}

export interface HistoryReport {
  asOf: string;
  asOfPrecision: string;
  activeParticipants: number | null;
  status: string;
  rate: number | null;
  claimedRate: number | null;
  note: string | null;
  source: SourceRef;
}

/** Where coverage is heading by the end of a year at the observed pace (Regency.coverageProjection). */
export interface Projection {
  year: number;
  method: "RANGE_FROM_PACES" | "STRAIGHT_LINE" | "NONE";
  methodDescription: string;
  fromAsOf: string | null;
  monthlyPace: number | null;
  monthlyPaceLow: number | null;
  monthlyPaceHigh: number | null;
  workforce: number | null;
  projectedParticipants: number | null;
  projectedParticipantsLow: number | null;
  projectedParticipantsHigh: number | null;
  projectedRate: number | null;
  projectedRateLow: number | null;
  projectedRateHigh: number | null;
  target: number | null;
  targetReachedMonth: string | null;
  targetReachedNote: string;
  mixesMeasures: boolean;
  includesEstimates: boolean;
  stale: boolean;
  notes: string[];
  basedOn: { asOf: string; activeParticipants: number | null }[];
}

export interface RegencyData {
  regency: {
    code: string;
    name: string;
    shortName: string;
    kind: string;
    aliases: string[];
    province: { code: string; name: string };
    coverage:
      | (CoverageFigures & {
          alternatives: {
            asOf: string;
            activeParticipants: number | null;
            status: string;
            source: SourceRef;
          }[];
        })
      | null;
    /** Null only while the participants service is down. */
    coverageProjection: Projection | null;
    /** Null only while the participants service is down (its fields of a regency are then all null). */
    coverageHistory: HistoryReport[] | null;
    coverageTargets: {
      year: number;
      rate: number;
      scheme: string;
      scope: string;
      status: string;
      note: string | null;
      source: SourceRef;
    }[];
    /** Null, like nominations, only while the awards service is down. */
    awards:
      | {
          rank: number;
          title: string;
          note: string | null;
          edition: { name: string; level: string; pressLabel: string | null };
          category: { name: string };
          source: SourceRef;
        }[]
      | null;
    nominations:
      | {
          edition: { name: string; level: string };
          category: { name: string };
          result: { title: string } | null;
          stages: {
            kind: string;
            status: string;
            scheduledAt: string | null;
            completedAt: string | null;
            reportedOn: string | null;
            note: string | null;
            source: SourceRef;
          }[];
        }[]
      | null;
    officials: {
      name: string;
      role: string;
      title: string;
      organisation: string;
      reportedOn: string | null;
      note: string | null;
      source: SourceRef;
    }[];
    branchOffices: { name: string; source: SourceRef }[];
    agreements: {
      kind: string;
      title: string;
      parties: string[];
      signedOn: string | null;
      reportedOn: string | null;
      purpose: string;
      followUp: string | null;
      note: string | null;
      branchOffice: { name: string } | null;
      source: SourceRef;
    }[];
  } | null;
}

export interface SegmentsData {
  regency: {
    coverage: {
      asOf: string;
      segments: {
        dimension: string;
        category: string;
        label: string;
        persons: number;
        share: number | null;
        status: string;
        note: string | null;
      }[];
    } | null;
  } | null;
}
