import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { DateScalar, type IsoDate } from "@cakupan/core";

/** How a figure came to be. */
export enum FigureStatus {
  /** Stated by the source as it is. */
  REPORTED = "REPORTED",
  /** Computed by Cakupan from reported figures (a rate, a gap). */
  COMPUTED = "COMPUTED",
  /** An approximation ("sekitar", "about") or an assumption; read with care. */
  ESTIMATE = "ESTIMATE",
}
registerEnumType(FigureStatus, {
  name: "FigureStatus",
  description: "How a figure came to be (status sumber angka).",
  valuesConfig: {
    REPORTED: { description: "Stated by the source as it is (dilaporkan)." },
    COMPUTED: {
      description:
        "Computed by Cakupan from reported figures (a sum, a rate, a gap); ESTIMATE instead when any figure it uses is one.",
    },
    ESTIMATE: {
      description:
        'An approximation the source gives ("sekitar", "about": perkiraan) or an assumption: not an exact count; read with care.',
    },
  },
});

/**
 * Where a figure comes from (sumber). Every subgraph keeps its own copy of the sources it cites,
 * in its own database; the type is shareable so all subgraphs return the same shape.
 */
@Entity("source")
@ObjectType("Source", {
  description: "Where a figure comes from (sumber): publisher, title, date, link and seed document.",
  // Plain columns with no middleware: graphql-js reads them itself, without type-graphql's wrapper of every
  // field (a national table carries ~2,000 sources by id).
  simpleResolvers: true,
})
@Directive("@shareable")
export class Source {
  @PrimaryColumn("text")
  @Field(() => ID, { description: "Stable identifier, e.g. seed-003-jpnn-muba-coverage-2025." })
  id!: string;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Publisher (penerbit); null when the document does not name one.",
  })
  publisher!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "Title (judul) as published; null when the document carries none.",
  })
  title!: string | null;

  @Column("date", { name: "published_on", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Publication date (tanggal terbit) as the document shows it; null when it does not show one. The date of the event or statement it reports is reportedOn.",
  })
  publishedOn!: IsoDate | null;

  @Column("date", { name: "reported_on", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The date of the event or statement the document reports (tanggal peristiwa), apart from publication; null when not printed. Corrected or completed where the document misprints it or leaves out the year (see inferred, dateAsPrinted and dateNote).",
  })
  reportedOn!: IsoDate | null;

  @Column("text", { name: "date_as_printed", nullable: true })
  @Field(() => String, { nullable: true, description: "The date exactly as the document prints it." })
  dateAsPrinted!: string | null;

  @Column("text", { name: "date_note", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "How publishedOn and reportedOn were read from dateAsPrinted.",
  })
  dateNote!: string | null;

  @Column("boolean", { default: false })
  @Field({
    description:
      "True when a date here is not printed as given but derived (a year completed, a misprint corrected).",
  })
  inferred!: boolean;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "What was assumed, from which words, when inferred." })
  inference!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Link (tautan) to the document, when known." })
  link!: string | null;

  @Column("text", { name: "seed_file", nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "File name of the seed document in shared/seeds/, for seed sources.",
  })
  seedFile!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, {
    nullable: true,
    description: "The original publisher the document cites for its figures (e.g. BPS 2025).",
  })
  cites!: string | null;

  @Column("text", { array: true, default: () => "'{}'" })
  @Field(() => [String], { description: "Errors and caveats found in the document (catatan)." })
  notes!: string[];
}

export const SOURCE_TABLE_SQL = `CREATE TABLE "source" (
  "id" text PRIMARY KEY,
  "publisher" text,
  "title" text,
  "published_on" date,
  "date_as_printed" text,
  "date_note" text,
  "link" text,
  "seed_file" text,
  "cites" text,
  "notes" text[] NOT NULL DEFAULT '{}'
)`;

/** The columns migration 2 of every subgraph adds to its source table: reportedOn apart from publishedOn, inferences. */
export const SOURCE_DATES_SQL = [
  `ALTER TABLE "source" ADD COLUMN "reported_on" date`,
  `ALTER TABLE "source" ADD COLUMN "inferred" boolean NOT NULL DEFAULT false`,
  `ALTER TABLE "source" ADD COLUMN "inference" text`,
  `ALTER TABLE "source" ADD CONSTRAINT "source_inference_reason" CHECK (NOT "inferred" OR "inference" IS NOT NULL)`,
];

/** Every field of Source, for @requires selections that carry a source across subgraphs whole. */
export const SOURCE_SELECTION =
  "id publisher title publishedOn reportedOn dateAsPrinted dateNote inferred inference link seedFile cites notes";
