import type { RequestContext } from "@cakupan/kit";
import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import {
  branchLinksByOffice,
  branchOfficeById,
  officialsByBranchOffice,
  officialsByPerson,
  provinceByCode,
  regencyByCode,
} from "./loaders";
import { OfficeHeld, Official } from "./official.entity";
import { Province } from "./province.entity";
import { Regency } from "./regency.entity";

const yearOf = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => [Official], {
    description: "Every official the sources name, regional, BPJS Ketenagakerjaan and ministry.",
  })
  officials(@Ctx() { dataSource }: RequestContext): Promise<Official[]> {
    return dataSource.getRepository(Official).find({ order: { id: "ASC" } });
  }

  @FieldResolver(() => [OfficeHeld], {
    description:
      "The person's offices across every source, as a timeline (oldest first); one person can be shown in several, as the sources show them.",
  })
  async roles(@Root() official: Official, @Ctx() context: RequestContext): Promise<OfficeHeld[]> {
    const records = await context.loader(officialsByPerson).load(official.personId);
    return records.map((record) =>
      Object.assign(new OfficeHeld(), {
        title: record.title,
        role: record.role,
        organisation: record.organisation,
        from: record.periodStart ?? record.reportedOn,
        until: record.periodEnd ?? record.reportedOn,
        termKnown: record.periodStart !== null || record.periodEnd !== null,
        year: record.reportedYear ?? yearOf(record.periodStart ?? record.reportedOn),
        inferred: record.inferred,
        inference: record.inference,
        note: record.note,
        officialId: record.id,
        sourceId: record.sourceId,
      }),
    );
  }

  @FieldResolver(() => Regency, {
    nullable: true,
    description: "The regency or city of the office; null for an office not tied to one.",
  })
  regency(@Root() official: Official, @Ctx() context: RequestContext): Promise<Regency | null> | null {
    return official.regencyCode ? context.loader(regencyByCode).load(official.regencyCode) : null;
  }

  @FieldResolver(() => Province, {
    nullable: true,
    description: "The province of a provincial office; null for any other.",
  })
  province(@Root() official: Official, @Ctx() context: RequestContext): Promise<Province | null> | null {
    return official.provinceCode ? context.loader(provinceByCode).load(official.provinceCode) : null;
  }

  @FieldResolver(() => BranchOffice, {
    nullable: true,
    description: "The BPJS Ketenagakerjaan branch office of the office; null for any other.",
  })
  branchOffice(
    @Root() official: Official,
    @Ctx() context: RequestContext,
  ): Promise<BranchOffice | null> | null {
    return official.branchOfficeId ? context.loader(branchOfficeById).load(official.branchOfficeId) : null;
  }
}

@Resolver(() => BranchOffice)
export class BranchOfficeResolver {
  @Query(() => [BranchOffice], { description: "BPJS Ketenagakerjaan branch offices the sources name." })
  branchOffices(@Ctx() { dataSource }: RequestContext): Promise<BranchOffice[]> {
    return dataSource.getRepository(BranchOffice).find({ order: { id: "ASC" } });
  }

  @FieldResolver(() => [Official], {
    description: "Heads and staff of the office as the sources report them, oldest report first.",
  })
  officials(@Root() office: BranchOffice, @Ctx() context: RequestContext): Promise<Official[]> {
    return context.loader(officialsByBranchOffice).load(office.id);
  }

  @FieldResolver(() => [BranchOfficeRegency], {
    description:
      "Regencies the sources connect with the office, and on what basis: not necessarily its whole service area.",
  })
  regencies(@Root() office: BranchOffice, @Ctx() context: RequestContext): Promise<BranchOfficeRegency[]> {
    return context.loader(branchLinksByOffice).load(office.id);
  }
}

@Resolver(() => BranchOfficeRegency)
export class BranchOfficeRegencyResolver {
  @FieldResolver(() => Regency, { description: "The regency the source connects with the branch office." })
  async regency(@Root() link: BranchOfficeRegency, @Ctx() context: RequestContext): Promise<Regency> {
    return (await context.loader(regencyByCode).load(link.regencyCode))!;
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => [Agreement], {
    description: "Agreements (MoU, PKS) between regional governments and BPJS Ketenagakerjaan.",
  })
  agreements(@Ctx() { dataSource }: RequestContext): Promise<Agreement[]> {
    return dataSource.getRepository(Agreement).find({ order: { reportedOn: "ASC", id: "ASC" } });
  }

  @FieldResolver(() => Regency, {
    nullable: true,
    description: "The regency or city government that is a party; null when none is.",
  })
  regency(@Root() agreement: Agreement, @Ctx() context: RequestContext): Promise<Regency | null> | null {
    return agreement.regencyCode ? context.loader(regencyByCode).load(agreement.regencyCode) : null;
  }

  @FieldResolver(() => BranchOffice, {
    nullable: true,
    description: "The BPJS Ketenagakerjaan branch office that is a party; null when none is named.",
  })
  branchOffice(
    @Root() agreement: Agreement,
    @Ctx() context: RequestContext,
  ): Promise<BranchOffice | null> | null {
    return agreement.branchOfficeId ? context.loader(branchOfficeById).load(agreement.branchOfficeId) : null;
  }
}
