import {
  badUserInput,
  clientError,
  type ReadAs,
  type RegionCandidate,
  RegionReferences,
  regionLabel,
  type RequestContext,
  TEXT_LIMITS,
} from "@cakupan/kit";
import { Arg, Ctx, Field, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import type { DataSource } from "typeorm";
import { RegencyAlias } from "./regency-alias.entity";
import { Regency } from "./regency.entity";

export enum RegionReadAs {
  KEMENDAGRI_CODE = "kemendagri-code",
  BPS_CODE = "bps-code",
  NAME = "name",
  SHORT_NAME = "short-name",
  ALIAS = "alias",
}
registerEnumType(RegionReadAs, {
  name: "RegionReadAs",
  description: "How a region reference was read.",
  valuesConfig: {
    KEMENDAGRI_CODE: {
      description: 'As a Kemendagri code (kode wilayah), with or without its dot: "16.06", "1606".',
    },
    BPS_CODE: {
      description:
        'As a BPS code (kode wilayah kerja statistik) through the BPS–Kemendagri crosswalk of 2020: "BPS 1101", or "7325" where no Kemendagri code has those digits.',
    },
    NAME: {
      description:
        'As the official name, in any case and spelling of its kind: "Kab. Malang", "Kota Malang".',
    },
    SHORT_NAME: {
      description: 'As the name without Kabupaten/Kota, where one region has it: "Musi Banyuasin".',
    },
    ALIAS: { description: 'As a short name the press uses (nama singkat), where one region has it: "Muba".' },
  },
});

@ObjectType("ResolvedRegion", {
  description:
    "The regency or city (kabupaten/kota) a reference names, and how it was read: an answer never guesses between two.",
})
export class ResolvedRegion {
  @Field({ description: 'Its Kemendagri code: "35.73".' })
  code!: string;

  @Field({ description: 'Its official name: "Kota Malang".' })
  name!: string;

  @Field({ description: 'Name and code as every answer shows them to a person: "Kota Malang (35.73)".' })
  label!: string;

  @Field(() => RegionReadAs, { description: "How the reference was read." })
  readAs!: RegionReadAs;

  @Field(() => String, {
    nullable: true,
    description: "How a BPS code maps to Kemendagri's, with the crosswalk's source; null when read directly.",
  })
  note!: string | null;

  @Field(() => Regency, { description: "The regency or city itself." })
  regency!: Regency;
}

export type DirectoryRegency = Regency & { aliases: string[] };

/** The region master as the resolver reads it, loaded once per request (two statements). */
export const regionDirectory = (db: DataSource) => {
  let loading: Promise<RegionReferences<DirectoryRegency>> | undefined;
  return (): Promise<RegionReferences<DirectoryRegency>> =>
    (loading ??= Promise.all([
      db.getRepository(Regency).find({ order: { code: "ASC" } }),
      db.getRepository(RegencyAlias).find({ order: { id: "ASC" } }),
    ]).then(([regencies, aliases]) => {
      const byRegency = new Map<string, string[]>();
      for (const a of aliases)
        byRegency.set(a.regencyCode, [...(byRegency.get(a.regencyCode) ?? []), a.alias]);
      return new RegionReferences(
        regencies.map((r) => Object.assign(r, { aliases: byRegency.get(r.code) ?? [] })),
      );
    }));
};

/** A candidate as extensions show it: readAs spelled as the RegionReadAs enum ("SHORT_NAME"). */
const asEnum = (candidate: RegionCandidate) => ({
  ...candidate,
  readAs: candidate.readAs.toUpperCase().replace("-", "_"),
});

@Resolver(() => ResolvedRegion)
export class RegionResolutionResolver {
  @Query(() => ResolvedRegion, {
    description:
      'The regency or city a reference names, read as people write them: a Kemendagri code with or without its dot ("16.06", "1606"), a name ("Kabupaten Malang", "Kab. Malang", "Kota Malang", "Kodya Malang"), a short name or alias where only one region has it ("Musi Banyuasin", "Muba"), or a BPS code ("BPS 1101"). An ambiguous reference ("Malang") is BAD_USER_INPUT with `extensions.candidates` (code, name, readAs); an unknown one is BAD_USER_INPUT with `extensions.suggestions`.',
  })
  async resolveRegion(
    @Arg("ref", {
      description: 'What a person wrote for the region: "Kota Malang", "1606", "Muba", "BPS 1101".',
    })
    ref: string,
    @Ctx() context: RequestContext,
  ): Promise<ResolvedRegion> {
    if (ref.length > TEXT_LIMITS.search)
      throw badUserInput(
        `\`ref\` is ${ref.length} characters long; a region reference is at most ${TEXT_LIMITS.search} characters, like "Kota Malang".`,
        "ref",
      );
    const answer = (await context.loader(regionDirectory)()).resolve(ref);
    if (answer.status === "ambiguous")
      throw clientError("BAD_USER_INPUT", answer.message, {
        field: "ref",
        reference: answer.reference,
        candidates: answer.candidates.map(asEnum),
      });
    if (answer.status === "unknown")
      throw clientError("BAD_USER_INPUT", answer.message, {
        field: "ref",
        reference: answer.reference,
        suggestions: answer.suggestions.map(asEnum),
      });
    return {
      code: answer.code,
      name: answer.name,
      label: regionLabel(answer),
      readAs: answer.readAs as ReadAs as RegionReadAs,
      note: answer.note,
      regency: answer.region,
    };
  }
}
