/** Every capability of the API: a new one adds its entry here, and nothing else outside its folder. */
import { assets } from './assets';
import { audit } from './audit';
import { custody } from './custody';
import type { Module } from './module';
import { ownership } from './ownership';
import { parties } from './parties';
import { projects } from './projects';
import { regions } from './regions';
import { reports } from './reports';

export const MODULES: Module[] = [regions, parties, projects, assets, ownership, custody, reports, audit];
