/** 扶贫项目 (projects) and their funding by source. */
import { byIntegerKey, type Module } from '../module';
import { projectById } from './projects.loaders';
import { ProjectResolver } from './projects.resolver';

export const projects: Module = {
  name: 'projects',
  resolvers: [ProjectResolver],
  nodes: { Project: byIntegerKey((ctx, id) => ctx.loaders.get(projectById).load(id)) },
};
