/** @strata/transfer/planner-io: profile directories on disk for the pure planner. */
export { defaultProfileDir, loadProfile, writeCompactProfile, PROFILE_FILES } from './profile-files.js';
