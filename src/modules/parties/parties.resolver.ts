import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { sqlDirection } from '../../graphql/enums';
import { searchText } from '../../graphql/errors';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { toPayload } from '../../graphql/payload';
import { PageArgs, type Connection } from '../../graphql/relay';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.service';
import { Region } from '../regions/regions.types';
import { CreatePartyInput, CreatePartyPayload, PartyFilter, PartyOrderBy, UpdatePartyInput, UpdatePartyPayload } from './parties.inputs';
import * as parties from './parties.service';
import type { PartyRow } from './parties.table';
import { Party, PartyConnection } from './parties.types';

@Resolver(() => Party)
export class PartyResolver {
  @Query(() => PartyConnection, { description: 'Parties in your scope.' })
  parties(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => PartyFilter, { nullable: true, description: 'Conditions the parties must meet.' }) filter?: PartyFilter,
    @Arg('orderBy', () => PartyOrderBy, { nullable: true, description: 'Order of the list; by name when omitted.' }) orderBy?: PartyOrderBy,
  ): Promise<Connection<PartyRow>> {
    return parties.listParties(
      ctx.db,
      ctx.viewer,
      { regionPrefix: filter?.region ? significantPrefix(filter.region) : undefined, kind: filter?.kind, text: searchText(filter?.text, ['filter', 'text']) },
      { field: orderBy?.field ?? 'NAME', direction: sqlDirection(orderBy?.direction) },
      page,
    );
  }

  @Mutation(() => CreatePartyPayload, { description: 'Registers a party (ASSET_MANAGER, ADMIN).' })
  async createParty(@Ctx() ctx: Context, @Arg('input', () => CreatePartyInput, { description: 'The party to register.' }) input: CreatePartyInput) {
    return toPayload('party', await parties.createParty(ctx.db, ctx.viewer, ctx.clock, ctx.cipher, input));
  }

  @Mutation(() => UpdatePartyPayload, { description: 'Changes a party, if it is still at expectedVersion (ASSET_MANAGER, ADMIN).' })
  async updateParty(@Ctx() ctx: Context, @Arg('input', () => UpdatePartyInput, { description: 'The party, the version you read, and the changes.' }) input: UpdatePartyInput) {
    const { id, expectedVersion, ...fields } = input;
    return toPayload('party', await parties.updateParty(ctx.db, ctx.viewer, ctx.clock, ctx.cipher, tryKeyOf(id, 'Party'), expectedVersion, fields));
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() party: PartyRow): string {
    return toGlobalId('Party', party.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region the party belongs to.' })
  region(@Ctx() ctx: Context, @Root() party: PartyRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(party.regionCode);
  }

  @FieldResolver(() => String, { description: "Name (名称/户主姓名); a household's name is masked (张**) unless your role may read personal data." })
  name(@Ctx() ctx: Context, @Root() party: PartyRow): string {
    return parties.visibleParty(ctx.viewer, party).name;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact person (联系人), masked unless your role may read personal data.' })
  contactPerson(@Ctx() ctx: Context, @Root() party: PartyRow): string | null {
    return parties.visibleParty(ctx.viewer, party).contactPerson;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact phone (联系电话), masked unless your role may read personal data.' })
  contactPhone(@Ctx() ctx: Context, @Root() party: PartyRow): string | null {
    return parties.visibleParty(ctx.viewer, party).contactPhone;
  }
}
