import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { searchText } from '../../graphql/errors';
import { sqlDirection } from '../../graphql/enums';
import { PageArgs, type Connection } from '../../graphql/relay';
import { toGlobalId, tryKeyOf } from '../../graphql/global-id';
import { significantPrefix } from '../regions/division-code';
import { regionByCode } from '../regions/regions.loaders';
import type { RegionRow } from '../regions/regions.table';
import { Region } from '../regions/regions.types';
import { CreatePartyInput, PartyFilter, PartyOrderBy, UpdatePartyInput } from './parties.inputs';
import * as parties from './parties.service';
import type { PartyRow } from './parties.table';
import { CreatePartyPayload, Party, PartyConnection, UpdatePartyPayload } from './parties.types';

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
  async createParty(@Ctx() ctx: Context, @Arg('input', () => CreatePartyInput, { description: 'The party to register.' }) input: CreatePartyInput): Promise<CreatePartyPayload> {
    const outcome = await parties.createParty(ctx.db, ctx.viewer, ctx.cipher, input);
    return { party: outcome.value, userErrors: outcome.userErrors };
  }

  @Mutation(() => UpdatePartyPayload, { description: 'Changes a party, if it is still at expectedVersion (ASSET_MANAGER, ADMIN).' })
  async updateParty(@Ctx() ctx: Context, @Arg('input', () => UpdatePartyInput, { description: 'The party, the version you read, and the changes.' }) input: UpdatePartyInput): Promise<UpdatePartyPayload> {
    const { id, expectedVersion, ...fields } = input;
    const outcome = await parties.updateParty(ctx.db, ctx.viewer, ctx.cipher, tryKeyOf(id, 'Party'), expectedVersion, fields);
    return { party: outcome.value, userErrors: outcome.userErrors };
  }

  @FieldResolver(() => ID, { description: 'Opaque global ID.' })
  id(@Root() party: PartyRow): string {
    return toGlobalId('Party', party.id);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region the party belongs to.' })
  region(@Ctx() ctx: Context, @Root() party: PartyRow): Promise<RegionRow | null> {
    return ctx.loaders.get(regionByCode).load(party.regionCode);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact person (联系人), masked unless your role may read personal data.' })
  contactPerson(@Ctx() ctx: Context, @Root() party: PartyRow): string | null {
    return parties.visibleContact(ctx.viewer, party).person;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Contact phone (联系电话), masked unless your role may read personal data.' })
  contactPhone(@Ctx() ctx: Context, @Root() party: PartyRow): string | null {
    return parties.visibleContact(ctx.viewer, party).phone;
  }
}
