/**
 * The route planner is pure: features and slots in, one route per object out, tried in the
 * table's order. Each case names the store capabilities that lead to its route.
 */
import { chooseRoute, planRoutes, type RouteEnds } from '../../src/engine/routes/route-plan.js';
import type { CopyPair } from '../../src/engine/listing.js';

const MiB = 1024 * 1024;
const parts = {
  multipart: true,
  maxParts: 10_000,
  minPartSize: 5 * MiB,
  maxPartSize: 5 * 1024 * MiB,
};
const ends = (over: Partial<RouteEnds>): RouteEnds => ({
  bothLocal: false,
  toLocal: false,
  localToBuffered: false,
  insideStore: false,
  parts,
  ...over,
});

it('picks the first route whose condition holds', () => {
  const small = { size: 1000, multipart: false };
  const large = { size: 200 * MiB, multipart: true };
  const medium = { size: 3 * MiB, multipart: false };
  expect(chooseRoute(ends({ bothLocal: true }), large)).toBe('local-copy');
  expect(chooseRoute(ends({ toLocal: true }), small)).toBe('small-download');
  expect(chooseRoute(ends({ toLocal: true }), medium)).toBe('single');
  expect(chooseRoute(ends({ toLocal: true }), large)).toBe('multipart');
  expect(chooseRoute(ends({ localToBuffered: true }), small)).toBe('small-upload');
  expect(chooseRoute(ends({ localToBuffered: true, insideStore: true }), medium)).toBe(
    'server-side-copy',
  );
  expect(chooseRoute(ends({ insideStore: true }), { size: 6 * 1024 * MiB, multipart: true })).toBe(
    'multipart',
  );
  expect(chooseRoute(ends({}), small)).toBe('single');
});

it('plans chunks, route and pool for every object', () => {
  const pair = (key: string, size: number): CopyPair => ({
    source: { key, size },
    destinationKey: `d/${key}`,
    relativeKey: key,
  });
  const routed = planRoutes(
    [pair('a', 10), pair('b', 2 * MiB), pair('c', 300 * MiB)],
    ends({ localToBuffered: true }),
    { multipartThreshold: 128 * MiB, partSize: 64 * MiB },
  );
  expect(routed.map(({ route, pool }) => [route, pool])).toEqual([
    ['small-upload', 'small'],
    ['single', 'medium'],
    ['multipart', 'large'],
  ]);
  expect(routed[2]?.plan.chunks).toHaveLength(5);
});
