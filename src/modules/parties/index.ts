/** 主体 (parties): who owns, looks after, operates, pays or is paid. */
import { byIntegerKey, type Module } from '../module';
import { partyById } from './parties.loaders';
import { PartyResolver } from './parties.resolver';
import { PartyError } from './parties.service';

export const parties: Module = {
  name: 'parties',
  resolvers: [PartyResolver],
  nodes: { Party: byIntegerKey((ctx, id) => ctx.loaders.get(partyById).load(id)) },
  errorCodes: PartyError,
};
