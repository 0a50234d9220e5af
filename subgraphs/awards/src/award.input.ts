import { DateScalar, SourceInput } from "@cakupan/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { BusinessSize, NomineeKind } from "./award-category.entity";
import { AwardLevel } from "./award-edition.entity";
import { StageKind } from "./nomination.entity";

@InputType("AwardEditionInput", {
  description: "A new edition (round) of the Paritrana Award, national or for one province, with its source.",
})
export class AwardEditionInput {
  @Field(() => ID, { description: "Stable id, lowercase words joined by hyphens: paritrana-2025-sumsel." })
  id!: string;

  @Field({ description: 'Its name, not empty: "Paritrana Award 2025 (Sumatera Selatan)".' })
  name!: string;

  @Field(() => AwardLevel, { description: "PROVINCIAL (give provinceCode) or NATIONAL." })
  level!: AwardLevel;

  @Field(() => ID, { nullable: true, description: "Required for a PROVINCIAL edition; none for NATIONAL." })
  provinceCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the press names it ("Paritrana Award 2024"), when it does.',
  })
  pressLabel?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The year assessed (1900 to 2099); a year of the assessment period when that is given.",
  })
  assessmentYear?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "First day of the assessment period." })
  assessmentStart?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Last day of the assessment period; not before its start.",
  })
  assessmentEnd?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Not before the assessment." })
  ceremonyDate?: Date | null;

  @Field(() => [String], {
    defaultValue: [],
    description: "Codes of existing categories, in the order the edition lists them.",
  })
  categoryCodes!: string[];

  @Field(() => SourceInput, {
    nullable: true,
    description: "Required: the id of a known source, or publisher with title or link.",
  })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true, description: "What to know about it (at most 2000 characters)." })
  note?: string | null;
}

@InputType("AwardCategoryInput", { description: "A new category of the Paritrana Award." })
export class AwardCategoryInput {
  @Field({ description: "Stable code in capitals: BUSINESS_FINANCE." })
  code!: string;

  @Field({ description: "Name in Indonesian." })
  name!: string;

  @Field({ description: "Name in English." })
  nameEn!: string;

  @Field(() => NomineeKind, { description: "Who it takes." })
  nomineeKind!: NomineeKind;

  @Field(() => String, { nullable: true, description: "Business categories only." })
  businessSector?: string | null;

  @Field(() => BusinessSize, { nullable: true, description: "Business categories only." })
  businessSize?: BusinessSize | null;
}

@InputType("OrganisationInput", {
  description: "A business or public service institution to nominate, as the source names it.",
})
export class OrganisationInput {
  @Field({ description: "Its name as the source gives it." })
  name!: string;

  @Field(() => NomineeKind, { description: "BUSINESS or PUBLIC_SERVICE_INSTITUTION." })
  kind!: NomineeKind;

  @Field(() => String, { nullable: true, description: "For a business: its sector (sektor usaha)." })
  businessSector?: string | null;

  @Field(() => BusinessSize, { nullable: true, description: "For a business: its size (skala usaha)." })
  businessSize?: BusinessSize | null;

  @Field(() => ID, { nullable: true, description: "The regency it is based in." })
  regencyCode?: string | null;
}

@InputType("NomineeInput", {
  description: "Exactly one of: a regency, province or village code, or an organisation.",
})
export class NomineeInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A regency or city government, by Kemendagri code: "16.06".',
  })
  regencyCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'A province government, by Kemendagri code: "16".' })
  provinceCode?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A village or kelurahan government, by Kemendagri code: "16.06.01.2001".',
  })
  villageCode?: string | null;

  @Field(() => OrganisationInput, {
    nullable: true,
    description: "A business or public service institution.",
  })
  organisation?: OrganisationInput | null;
}

@InputType("NominationInput", {
  description:
    "A nominee in a category of an edition: of the kind the category takes, inside a provincial edition's province.",
})
export class NominationInput {
  @Field(() => ID, { description: "The edition's id." })
  editionId!: string;

  @Field({ description: "The code of a named category of that edition." })
  categoryCode!: string;

  @Field(() => NomineeInput, { description: "Who is nominated; once per category of an edition." })
  nominee!: NomineeInput;

  @Field(() => SourceInput, {
    nullable: true,
    description: "Required: the id of a known source, or publisher with title or link.",
  })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true, description: "What to know about it (at most 2000 characters)." })
  note?: string | null;
}

@InputType("StageInput", {
  description:
    "An assessment stage of a nomination at a date; stages' dates keep the order the stages run in.",
})
export class StageInput {
  @Field(() => ID, { description: "The nomination's id." })
  nominationId!: string;

  @Field(() => StageKind, { description: "Which stage." })
  kind!: StageKind;

  @Field(() => DateScalar, {
    description:
      "scheduleStage: the date planned; completeStage: the date it was completed (not in the future).",
  })
  date!: Date;

  @Field(() => SourceInput, {
    nullable: true,
    description: "Required: the id of a known source, or publisher with title or link.",
  })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true, description: "What to know about it (at most 2000 characters)." })
  note?: string | null;
}

@InputType("AwardResultInput", { description: "The placing of a nomination, with its source." })
export class AwardResultInput {
  @Field(() => ID, { description: "The nomination's id." })
  nominationId!: string;

  @Field(() => Int, { description: "1 for first place; one nominee per place in a category of an edition." })
  rank!: number;

  @Field({ description: 'As awarded: "Juara I".' })
  title!: string;

  @Field(() => SourceInput, {
    nullable: true,
    description: "Required: the id of a known source, or publisher with title or link.",
  })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true, description: "What to know about it (at most 2000 characters)." })
  note?: string | null;
}
