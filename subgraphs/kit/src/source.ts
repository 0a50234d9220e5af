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
registerEnumType(FigureStatus, { name: "FigureStatus", description: "How a figure came to be (status sumber angka)." });

/**
 * Where a figure comes from (sumber). Every subgraph keeps its own copy of the sources it cites,
 * in its own database; the type is shareable so all subgraphs return the same shape.
 */
@Entity("source")
@ObjectType("Source", { description: "Where a figure comes from (sumber): publisher, title, date, link and seed document." })
@Directive("@shareable")
export class Source {
  @PrimaryColumn("text")
  @Field(() => ID, { description: "Stable identifier, e.g. seed-003-jpnn-muba-coverage-2025." })
  id!: string;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Publisher (penerbit); null when the document does not name one." })
  publisher!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Title (judul) as published; null when the document carries none." })
  title!: string | null;

  @Column("date", { name: "published_on", nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: "Publication date (tanggal terbit), corrected where the document misprints it (see dateAsPrinted and dateNote); when only the reported event is dated, that date.",
  })
  publishedOn!: IsoDate | null;

  @Column("text", { name: "date_as_printed", nullable: true })
  @Field(() => String, { nullable: true, description: "The date exactly as the document prints it." })
  dateAsPrinted!: string | null;

  @Column("text", { name: "date_note", nullable: true })
  @Field(() => String, { nullable: true, description: "Why publishedOn differs from or completes dateAsPrinted." })
  dateNote!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "Link (tautan) to the document, when known." })
  link!: string | null;

  @Column("text", { name: "seed_file", nullable: true })
  @Field(() => String, { nullable: true, description: "File name of the seed document in shared/seeds/, for seed sources." })
  seedFile!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true, description: "The original publisher the document cites for its figures (e.g. BPS 2025)." })
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

/** Every field of Source, for @requires selections that carry a source across subgraphs whole. */
export const SOURCE_SELECTION = "id publisher title publishedOn dateAsPrinted dateNote link seedFile cites notes";
