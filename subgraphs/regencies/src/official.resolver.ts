import type { RequestContext } from "@cakupan/kit";
import { Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "./agreement.entity";
import { BranchOffice, BranchOfficeRegency } from "./branch-office.entity";
import { branchLinksByOffice, branchOfficeById, officialsByBranchOffice, provinceByCode, regencyByCode } from "./loaders";
import { Official } from "./official.entity";
import { Province } from "./province.entity";
import { Regency } from "./regency.entity";

@Resolver(() => Official)
export class OfficialResolver {
  @Query(() => [Official], { description: "Every official the sources name, regional, BPJS Ketenagakerjaan and ministry." })
  officials(@Ctx() { dataSource }: RequestContext): Promise<Official[]> {
    return dataSource.getRepository(Official).find({ order: { id: "ASC" } });
  }

  @FieldResolver(() => Regency, { nullable: true })
  regency(@Root() official: Official, @Ctx() context: RequestContext): Promise<Regency | null> | null {
    return official.regencyCode ? context.loader(regencyByCode).load(official.regencyCode) : null;
  }

  @FieldResolver(() => Province, { nullable: true })
  province(@Root() official: Official, @Ctx() context: RequestContext): Promise<Province | null> | null {
    return official.provinceCode ? context.loader(provinceByCode).load(official.provinceCode) : null;
  }

  @FieldResolver(() => BranchOffice, { nullable: true })
  branchOffice(@Root() official: Official, @Ctx() context: RequestContext): Promise<BranchOffice | null> | null {
    return official.branchOfficeId ? context.loader(branchOfficeById).load(official.branchOfficeId) : null;
  }
}

@Resolver(() => BranchOffice)
export class BranchOfficeResolver {
  @Query(() => [BranchOffice], { description: "BPJS Ketenagakerjaan branch offices the sources name." })
  branchOffices(@Ctx() { dataSource }: RequestContext): Promise<BranchOffice[]> {
    return dataSource.getRepository(BranchOffice).find({ order: { id: "ASC" } });
  }

  @FieldResolver(() => [Official], { description: "Heads and staff of the office as the sources report them, oldest report first." })
  officials(@Root() office: BranchOffice, @Ctx() context: RequestContext): Promise<Official[]> {
    return context.loader(officialsByBranchOffice).load(office.id);
  }

  @FieldResolver(() => [BranchOfficeRegency], { description: "Regencies the sources connect with the office, and on what basis." })
  regencies(@Root() office: BranchOffice, @Ctx() context: RequestContext): Promise<BranchOfficeRegency[]> {
    return context.loader(branchLinksByOffice).load(office.id);
  }
}

@Resolver(() => BranchOfficeRegency)
export class BranchOfficeRegencyResolver {
  @FieldResolver(() => Regency)
  async regency(@Root() link: BranchOfficeRegency, @Ctx() context: RequestContext): Promise<Regency> {
    return (await context.loader(regencyByCode).load(link.regencyCode))!;
  }
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => [Agreement], { description: "Agreements (MoU, PKS) between regional governments and BPJS Ketenagakerjaan." })
  agreements(@Ctx() { dataSource }: RequestContext): Promise<Agreement[]> {
    return dataSource.getRepository(Agreement).find({ order: { reportedOn: "ASC", id: "ASC" } });
  }

  @FieldResolver(() => Regency, { nullable: true })
  regency(@Root() agreement: Agreement, @Ctx() context: RequestContext): Promise<Regency | null> | null {
    return agreement.regencyCode ? context.loader(regencyByCode).load(agreement.regencyCode) : null;
  }

  @FieldResolver(() => BranchOffice, { nullable: true })
  branchOffice(@Root() agreement: Agreement, @Ctx() context: RequestContext): Promise<BranchOffice | null> | null {
    return agreement.branchOfficeId ? context.loader(branchOfficeById).load(agreement.branchOfficeId) : null;
  }
}
