import {
  idViolation,
  isAreaCode,
  knownProvinceCodes,
  knownRegencyCodes,
  knownVillageCodes,
  sourceInputViolations,
  TEXT_LIMITS,
  textViolation,
  toIsoDate,
  todayInJakarta,
  type Violation,
  violation,
  Violations,
} from "@cakupan/kit";
import { type AwardCategory, NomineeKind } from "./award-category.entity";
import { type AwardEdition, AwardLevel } from "./award-edition.entity";
import type { AwardCategoryInput, AwardEditionInput, AwardResultInput, NomineeInput } from "./award.input";
import { STAGE_ORDER, type NominationStage, type NomineeType, type StageKind } from "./nomination.entity";

/** The free-text fields of an input longer than their documented limit (TEXT_LIMITS). */
function tooLong(fields: [field: string, value: string | null | undefined, max: number][]): Violation[] {
  return fields
    .map(([field, value, max]) => textViolation(field, value, max))
    .filter((v): v is Violation => v !== null);
}

const CATEGORY_CODE = /^[A-Z][A-Z0-9_]*$/;
const categoryCodeViolation = (field: string, code: string) =>
  code.length <= TEXT_LIMITS.id && CATEGORY_CODE.test(code)
    ? null
    : violation(
        field,
        "FORMAT",
        `${field} "${code.slice(0, 40)}" must be capitals, digits and underscores, like "BUSINESS_FINANCE".`,
      );

export function editionViolations(
  input: AwardEditionInput,
  existing: { editionExists: boolean; unknownCategories: string[] },
): Violation[] {
  const found = new Violations();
  const badId = idViolation("id", input.id, "paritrana-2025-sumsel");
  if (badId) found.push(badId);
  else if (existing.editionExists)
    found.add("id", "UNIQUE", `An edition with id "${input.id}" exists already: choose another id.`);
  if (!input.name.trim())
    found.add(
      "name",
      "REQUIRED",
      'name is empty: give the edition\'s name, like "Paritrana Award 2025 (Sumatera Selatan)".',
    );
  if (input.level === AwardLevel.PROVINCIAL) {
    if (!input.provinceCode)
      found.add(
        "provinceCode",
        "REQUIRED_FOR_PROVINCIAL",
        'A PROVINCIAL edition needs provinceCode, like "16".',
      );
    else if (!isAreaCode("province", input.provinceCode) || !knownProvinceCodes().has(input.provinceCode)) {
      found.add(
        "provinceCode",
        "UNKNOWN_PROVINCE",
        `"${input.provinceCode}" is not a province code: use a Kemendagri code like "16".`,
      );
    }
  } else if (input.provinceCode) {
    found.add(
      "provinceCode",
      "NONE_FOR_NATIONAL",
      "A NATIONAL edition belongs to no province: leave provinceCode out.",
    );
  }
  const start = input.assessmentStart ? toIsoDate(input.assessmentStart) : null;
  const end = input.assessmentEnd ? toIsoDate(input.assessmentEnd) : null;
  const ceremony = input.ceremonyDate ? toIsoDate(input.ceremonyDate) : null;
  if (start && end && start > end)
    found.add("assessmentEnd", "DATES_IN_ORDER", `The assessment ends (${end}) before it starts (${start}).`);
  const lastAssessed = end ?? start;
  if (ceremony && lastAssessed && ceremony < lastAssessed) {
    found.add(
      "ceremonyDate",
      "DATES_IN_ORDER",
      `The ceremony (${ceremony}) is before the assessment ${end ? "ends" : "starts"} (${lastAssessed}).`,
    );
  }
  if (
    input.assessmentYear != null &&
    start &&
    Number(start.slice(0, 4)) !== input.assessmentYear &&
    Number((end ?? start).slice(0, 4)) !== input.assessmentYear
  ) {
    found.add(
      "assessmentYear",
      "MATCHES_PERIOD",
      `assessmentYear ${input.assessmentYear} is not a year of the assessment period (${start} to ${end ?? "?"}).`,
    );
  }
  for (const code of existing.unknownCategories)
    found.add(
      "categoryCodes",
      "UNKNOWN_CATEGORY",
      `No category has the code "${code}": create it first (createAwardCategory).`,
    );
  if (new Set(input.categoryCodes).size !== input.categoryCodes.length)
    found.add("categoryCodes", "ONCE_EACH", "A category is listed twice: list each once.");
  if (input.assessmentYear != null && !(input.assessmentYear >= 1900 && input.assessmentYear <= 2099)) {
    found.add("assessmentYear", "YEAR", `assessmentYear is a year like 2024, got ${input.assessmentYear}.`);
  }
  for (const code of input.categoryCodes) {
    const badCode = categoryCodeViolation("categoryCodes", code);
    if (badCode) found.push(badCode);
  }
  found.push(
    ...tooLong([
      ["name", input.name, TEXT_LIMITS.name],
      ["pressLabel", input.pressLabel, TEXT_LIMITS.name],
      ["note", input.note, TEXT_LIMITS.note],
    ]),
  );
  found.push(...sourceInputViolations(input.source));
  return found;
}

export function categoryViolations(input: AwardCategoryInput, categoryExists: boolean): Violation[] {
  const found = new Violations();
  const badCode = categoryCodeViolation("code", input.code);
  if (badCode) found.push(badCode);
  else if (categoryExists)
    found.add("code", "UNIQUE", `A category with code "${input.code}" exists already.`);
  if (!input.name.trim()) found.add("name", "REQUIRED", "name (Indonesian) is empty.");
  if (!input.nameEn.trim()) found.add("nameEn", "REQUIRED", "nameEn (English) is empty.");
  if (input.nomineeKind !== NomineeKind.BUSINESS && (input.businessSector || input.businessSize)) {
    found.add(
      "businessSector",
      "BUSINESS_ONLY",
      "businessSector and businessSize are for BUSINESS categories only.",
    );
  }
  found.push(
    ...tooLong([
      ["name", input.name, TEXT_LIMITS.name],
      ["nameEn", input.nameEn, TEXT_LIMITS.name],
      ["businessSector", input.businessSector, TEXT_LIMITS.name],
    ]),
  );
  return found;
}

/** The kind of nominee each NomineeKind takes. */
const NOMINEE_TYPE_OF: Record<NomineeKind, NomineeType> = {
  REGENCY_GOVERNMENT: "REGENCY",
  PROVINCE_GOVERNMENT: "PROVINCE",
  VILLAGE_GOVERNMENT: "VILLAGE",
  BUSINESS: "ORGANISATION",
  PUBLIC_SERVICE_INSTITUTION: "ORGANISATION",
};

export function nomineeOf(input: NomineeInput): { type: NomineeType; code: string | null } | null {
  const given: { type: NomineeType; code: string | null }[] = [];
  if (input.regencyCode != null) given.push({ type: "REGENCY", code: input.regencyCode });
  if (input.provinceCode != null) given.push({ type: "PROVINCE", code: input.provinceCode });
  if (input.villageCode != null) given.push({ type: "VILLAGE", code: input.villageCode });
  if (input.organisation != null) given.push({ type: "ORGANISATION", code: null });
  return given.length === 1 ? given[0] : null;
}

export function nominationViolations(
  input: {
    nominee: NomineeInput;
    categoryCode: string;
    editionId: string;
    source?: unknown;
    note?: string | null;
  },
  found: {
    edition: AwardEdition | null;
    category: AwardCategory | null;
    categoryInEdition: boolean;
    duplicate: boolean;
  },
): Violation[] {
  const out = new Violations();
  const organisation = input.nominee.organisation;
  out.push(
    ...tooLong([
      ["note", input.note, TEXT_LIMITS.note],
      ["nominee.organisation.name", organisation?.name, TEXT_LIMITS.name],
      ["nominee.organisation.businessSector", organisation?.businessSector, TEXT_LIMITS.name],
    ]),
  );
  if (!found.edition) {
    out.push(
      idViolation("editionId", input.editionId, "paritrana-2024-sumsel") ??
        violation(
          "editionId",
          "UNKNOWN_EDITION",
          `No edition has the id "${input.editionId}": see awardEditions.`,
        ),
    );
  }
  if (!found.category) {
    out.push(
      categoryCodeViolation("categoryCode", input.categoryCode) ??
        violation("categoryCode", "UNKNOWN_CATEGORY", `No category has the code "${input.categoryCode}".`),
    );
  } else if (found.edition && !found.categoryInEdition) {
    out.add(
      "categoryCode",
      "CATEGORY_OF_EDITION",
      `The edition "${input.editionId}" has no category "${input.categoryCode}": add it first (addEditionCategory).`,
    );
  } else if (!found.category.nomineeKind) {
    out.add(
      "categoryCode",
      "NAMED_CATEGORY",
      `Category "${input.categoryCode}" is one the source did not name: nobody can be nominated in it.`,
    );
  }
  const nominee = nomineeOf(input.nominee);
  if (!nominee) {
    out.add(
      "nominee",
      "EXACTLY_ONE",
      "Give exactly one of regencyCode, provinceCode, villageCode or organisation.",
    );
    return out;
  }
  const known = {
    REGENCY: knownRegencyCodes,
    PROVINCE: knownProvinceCodes,
    VILLAGE: knownVillageCodes,
  } as const;
  if (nominee.type !== "ORGANISATION") {
    const level = nominee.type.toLowerCase() as "regency" | "province" | "village";
    if (!isAreaCode(level, nominee.code!) || !known[nominee.type]().has(nominee.code!)) {
      out.add(`nominee.${level}Code`, "UNKNOWN_AREA", `"${nominee.code}" is not a known ${level} code.`);
    } else if (found.edition?.provinceCode && nominee.code!.slice(0, 2) !== found.edition.provinceCode) {
      out.add(
        `nominee.${level}Code`,
        "IN_EDITION_PROVINCE",
        `${nominee.code} is outside province ${found.edition.provinceCode} of this provincial edition.`,
      );
    }
  } else if (
    ![NomineeKind.BUSINESS, NomineeKind.PUBLIC_SERVICE_INSTITUTION].includes(input.nominee.organisation!.kind)
  ) {
    out.add(
      "nominee.organisation.kind",
      "ORGANISATION_KIND",
      "An organisation is a BUSINESS or a PUBLIC_SERVICE_INSTITUTION.",
    );
  }
  const base = input.nominee.organisation?.regencyCode;
  if (base != null && (!isAreaCode("regency", base) || !knownRegencyCodes().has(base))) {
    out.add(
      "nominee.organisation.regencyCode",
      "UNKNOWN_AREA",
      `"${base.slice(0, 40)}" is not a known regency code, like "16.06".`,
    );
  }
  if (found.category?.nomineeKind) {
    const expected = NOMINEE_TYPE_OF[found.category.nomineeKind];
    const organisationKind = input.nominee.organisation?.kind;
    if (
      nominee.type !== expected ||
      (expected === "ORGANISATION" && organisationKind !== found.category.nomineeKind)
    ) {
      out.add(
        "nominee",
        "KIND_OF_CATEGORY",
        `Category "${found.category.code}" takes a ${found.category.nomineeKind.toLowerCase().replace(/_/g, " ")}, not a ${(organisationKind ?? nominee.type).toLowerCase().replace(/_/g, " ")}.`,
      );
    }
  }
  if (found.duplicate)
    out.add(
      "nominee",
      "ONCE_PER_CATEGORY",
      "This nominee is nominated in this category of this edition already.",
    );
  out.push(...sourceInputViolations(input.source as never));
  return out;
}

/** The date a stage stands at: completed, else scheduled. */
const stageDate = (stage: Pick<NominationStage, "completedAt" | "scheduledAt">) =>
  stage.completedAt ?? stage.scheduledAt;

export function stageViolations(
  kind: StageKind,
  date: string,
  mode: "schedule" | "complete",
  others: NominationStage[],
  source: unknown,
  note?: string | null,
): Violation[] {
  const out = new Violations();
  out.push(...tooLong([["note", note, TEXT_LIMITS.note]]));
  if (mode === "complete" && date > todayInJakarta())
    out.add(
      "date",
      "NOT_IN_FUTURE",
      `A stage cannot be completed in the future (${date}; today is ${todayInJakarta()}).`,
    );
  const position = STAGE_ORDER.indexOf(kind);
  for (const other of others) {
    const otherDate = stageDate(other);
    if (other.kind === kind || !otherDate) continue;
    const otherPosition = STAGE_ORDER.indexOf(other.kind);
    if (otherPosition < position && otherDate > date) {
      out.add(
        "date",
        "DATES_IN_ORDER",
        `${kind} on ${date} would come before ${other.kind} (${otherDate}), which precedes it.`,
      );
    }
    if (otherPosition > position && otherDate < date) {
      out.add(
        "date",
        "DATES_IN_ORDER",
        `${kind} on ${date} would come after ${other.kind} (${otherDate}), which follows it.`,
      );
    }
  }
  out.push(...sourceInputViolations(source as never));
  return out;
}

export function resultViolations(
  input: AwardResultInput,
  found: { nominationExists: boolean; placeTakenBy: number | null },
): Violation[] {
  const out = new Violations();
  if (!found.nominationExists)
    out.add("nominationId", "UNKNOWN_NOMINATION", `No nomination has the id "${input.nominationId}".`);
  if (!Number.isInteger(input.rank) || input.rank < 1)
    out.add("rank", "POSITIVE", `rank is 1 for first place, 2 for second, ...; got ${input.rank}.`);
  else if (found.placeTakenBy !== null) {
    out.add(
      "rank",
      "ONE_PER_PLACE",
      `Rank ${input.rank} in this category of this edition is held by nomination ${found.placeTakenBy} already.`,
    );
  }
  if (!input.title.trim())
    out.add("title", "REQUIRED", 'title is empty: give it as awarded, like "Juara I".');
  out.push(
    ...tooLong([
      ["title", input.title, TEXT_LIMITS.name],
      ["note", input.note, TEXT_LIMITS.note],
    ]),
  );
  out.push(...sourceInputViolations(input.source));
  return out;
}
