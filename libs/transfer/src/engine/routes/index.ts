/**
 * The routes an object can take from source to destination: the planner (route-plan.ts) picks one
 * per object as data, and each route has one executor module. Adding a route (the gateway route
 * of the overlay plans) is one row in route-plan.ts and one entry here.
 */
import type { RouteName } from './route-plan.js';
import type { RouteExecutor, RunState } from './run-state.js';
import { localCopyRoute } from './local-copy.js';
import { multipartRoute } from './multipart.js';
import { serverSideCopyRoute } from './server-side-copy.js';
import { singleRoute } from './single.js';
import { smallDownloadRoute } from './small-download.js';
import { smallUploadRoute } from './small-upload.js';

export const EXECUTORS: Record<RouteName, (state: RunState) => RouteExecutor> = {
  'local-copy': localCopyRoute,
  'small-download': smallDownloadRoute,
  'small-upload': smallUploadRoute,
  'server-side-copy': serverSideCopyRoute,
  multipart: multipartRoute,
  single: singleRoute,
};

/** The executor of each route, made on first use (a route's executor may hold buffers). */
export function executorsFor(state: RunState): (route: RouteName) => RouteExecutor {
  const made = new Map<RouteName, RouteExecutor>();
  return (route) => {
    let executor = made.get(route);
    if (!executor) {
      executor = EXECUTORS[route](state);
      made.set(route, executor);
    }
    return executor;
  };
}

export {
  planRoutes,
  routeEnds,
  ROUTE_NAMES,
  type RouteName,
  type RoutedObject,
} from './route-plan.js';
export { createRunState, type RunState, type TransferHooks } from './run-state.js';
