import { createHash } from "node:crypto";
import { Field, ID, InputType } from "type-graphql";
import type { EntityManager } from "typeorm";
import { DateScalar, toIsoDate, todayInJakarta, type Violation } from "@cakupan/core";
import { Source } from "./source";
import { idViolation, linkViolation, TEXT_LIMITS, textViolation } from "./text-limits";

@InputType("SourceInput", {
  description: "The document figures come from: the id of a known source, or publisher with title or link.",
})
export class SourceInput {
  @Field(() => ID, { nullable: true, description: "A source already known (see the sources of any figure)." })
  id?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Publisher (penerbit), as the document names it; a new source needs it with a title or link.",
  })
  publisher?: string | null;

  @Field(() => String, { nullable: true, description: "Title (judul) as published." })
  title?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Publication date, when the document shows it." })
  publishedOn?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date of the event or statement it reports, when printed.",
  })
  reportedOn?: Date | null;

  @Field(() => String, { nullable: true, description: "Link (tautan) to the document: http or https." })
  link?: string | null;
}

/** What is wrong with a source as given, before any lookup; `field` names the argument. */
export function sourceInputViolations(input: SourceInput | null | undefined, field = "source"): Violation[] {
  if (!input) {
    return [
      {
        field,
        rule: "REQUIRED",
        message: `${field} is required: give the id of a known source, or the publisher and the title or link of the document.`,
      },
    ];
  }
  if (input.id != null) {
    const badId = idViolation(`${field}.id`, input.id, "seed-003-jpnn-muba-coverage-2025");
    return badId ? [badId] : [];
  }
  if (!(input.publisher?.trim() && (input.title?.trim() || input.link?.trim()))) {
    return [
      {
        field,
        rule: "IDENTIFIABLE",
        message: `${field} needs a publisher and a title or link (or the id of a known source), so a reader can find the document.`,
      },
    ];
  }
  const publishedOn = input.publishedOn ? toIsoDate(input.publishedOn) : null;
  const today = todayInJakarta();
  return [
    textViolation(`${field}.publisher`, input.publisher, TEXT_LIMITS.name),
    textViolation(`${field}.title`, input.title, TEXT_LIMITS.title),
    linkViolation(`${field}.link`, input.link),
    publishedOn && publishedOn > today
      ? {
          field: `${field}.publishedOn`,
          rule: "NOT_IN_FUTURE",
          message: `${field}.publishedOn ${publishedOn} is in the future (today is ${today}).`,
        }
      : null,
  ].filter((violation): violation is Violation => violation !== null);
}

/** A source given by publisher/title/link gets an id derived from them, so citing it twice is one source. */
export function sourceFromInput(input: SourceInput): Source {
  const publishedOn = input.publishedOn ? toIsoDate(input.publishedOn) : null;
  const identity = [input.publisher, input.title, publishedOn, input.link]
    .map((part) => part?.trim() ?? "")
    .join("\u0000");
  return Object.assign(new Source(), {
    id: `src-${createHash("sha256").update(identity).digest("hex").slice(0, 16)}`,
    publisher: input.publisher?.trim() || null,
    title: input.title?.trim() || null,
    publishedOn,
    reportedOn: input.reportedOn ? toIsoDate(input.reportedOn) : null,
    dateAsPrinted: null,
    dateNote: null,
    inferred: false,
    inference: null,
    link: input.link?.trim() || null,
    seedFile: null,
    cites: null,
    notes: [],
  });
}

/**
 * The stored source for an input: a known one by id (null when there is none: the caller reports it),
 * or a new one upserted from publisher/title/link. Runs inside the caller's transaction.
 */
export async function resolveSourceInput(manager: EntityManager, input: SourceInput): Promise<Source | null> {
  if (input.id) return manager.findOneBy(Source, { id: input.id });
  const source = sourceFromInput(input);
  await manager.upsert(Source, source, ["id"]);
  return source;
}
