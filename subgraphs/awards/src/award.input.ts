import { DateScalar, SourceInput } from "@cakupan/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { BusinessSize, NomineeKind } from "./award-category.entity";
import { AwardLevel } from "./award-edition.entity";
import { StageKind } from "./nomination.entity";

@InputType("AwardEditionInput")
export class AwardEditionInput {
  @Field(() => ID, { description: "Stable id, lowercase words joined by hyphens: paritrana-2025-sumsel." })
  id!: string;

  @Field()
  name!: string;

  @Field(() => AwardLevel)
  level!: AwardLevel;

  @Field(() => ID, { nullable: true, description: "Required for a PROVINCIAL edition; none for NATIONAL." })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true })
  pressLabel?: string | null;

  @Field(() => Int, { nullable: true })
  assessmentYear?: number | null;

  @Field(() => DateScalar, { nullable: true })
  assessmentStart?: Date | null;

  @Field(() => DateScalar, { nullable: true })
  assessmentEnd?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Not before the assessment." })
  ceremonyDate?: Date | null;

  @Field(() => [String], {
    defaultValue: [],
    description: "Codes of existing categories, in the order the edition lists them.",
  })
  categoryCodes!: string[];

  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType("AwardCategoryInput")
export class AwardCategoryInput {
  @Field({ description: "Stable code in capitals: BUSINESS_FINANCE." })
  code!: string;

  @Field({ description: "Name in Indonesian." })
  name!: string;

  @Field({ description: "Name in English." })
  nameEn!: string;

  @Field(() => NomineeKind)
  nomineeKind!: NomineeKind;

  @Field(() => String, { nullable: true, description: "Business categories only." })
  businessSector?: string | null;

  @Field(() => BusinessSize, { nullable: true, description: "Business categories only." })
  businessSize?: BusinessSize | null;
}

@InputType("OrganisationInput")
export class OrganisationInput {
  @Field()
  name!: string;

  @Field(() => NomineeKind, { description: "BUSINESS or PUBLIC_SERVICE_INSTITUTION." })
  kind!: NomineeKind;

  @Field(() => String, { nullable: true })
  businessSector?: string | null;

  @Field(() => BusinessSize, { nullable: true })
  businessSize?: BusinessSize | null;

  @Field(() => ID, { nullable: true, description: "The regency it is based in." })
  regencyCode?: string | null;
}

@InputType("NomineeInput", {
  description: "Exactly one of: a regency, province or village code, or an organisation.",
})
export class NomineeInput {
  @Field(() => ID, { nullable: true })
  regencyCode?: string | null;

  @Field(() => ID, { nullable: true })
  provinceCode?: string | null;

  @Field(() => ID, { nullable: true })
  villageCode?: string | null;

  @Field(() => OrganisationInput, { nullable: true })
  organisation?: OrganisationInput | null;
}

@InputType("NominationInput")
export class NominationInput {
  @Field(() => ID)
  editionId!: string;

  @Field()
  categoryCode!: string;

  @Field(() => NomineeInput)
  nominee!: NomineeInput;

  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType("StageInput")
export class StageInput {
  @Field(() => ID)
  nominationId!: string;

  @Field(() => StageKind)
  kind!: StageKind;

  @Field(() => DateScalar, {
    description:
      "scheduleStage: the date planned; completeStage: the date it was completed (not in the future).",
  })
  date!: Date;

  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType("AwardResultInput")
export class AwardResultInput {
  @Field(() => ID)
  nominationId!: string;

  @Field(() => Int, { description: "1 for first place; one nominee per place in a category of an edition." })
  rank!: number;

  @Field({ description: 'As awarded: "Juara I".' })
  title!: string;

  @Field(() => SourceInput, { nullable: true })
  source?: SourceInput | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
