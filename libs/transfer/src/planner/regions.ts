/** Region lookup: an unknown name is a one-line error suggesting the nearest names in the profile. */
import { distance } from 'fastest-levenshtein';
import { UsageError } from '@strata/cli';
import type { NetworkProfile } from './profile.js';

/** The `count` names nearest to `name` (edit distance, ties in profile order). */
export function nearestRegions(regions: readonly string[], name: string, count = 3): string[] {
  const wanted = name.toLowerCase();
  return regions
    .map((region) => ({ region, cost: distance(wanted, region.toLowerCase()) }))
    .sort((a, b) => a.cost - b.cost)
    .slice(0, count)
    .map(({ region }) => region);
}

/** The index of `name` in the profile, or a UsageError naming the nearest regions. */
export function regionIndex(profile: NetworkProfile, name: string, flag: string): number {
  const index = profile.regions.indexOf(name);
  if (index >= 0) return index;
  const nearest = nearestRegions(profile.regions, name);
  throw new UsageError(
    `${flag} '${name}' is not a region of the profile; nearest: ${nearest.join(', ')} (names are provider:region, e.g. aws:us-east-1; strata transfer plan --regions lists them)`,
  );
}
