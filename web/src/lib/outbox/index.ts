// The outbox's one public module: every save, delete, draft and conflict choice of a household goes through
// here (to IndexedDB first, then the upload), and pages read the phone's households and upload status here.

export { failureMessage } from './classify';
export { countByFilter, findHouseholds, HOUSEHOLD_FILTERS, type HouseholdFilter, matchesQuery } from './find-households';
export {
  chooseInConflict,
  deleteResponse,
  dropDraft,
  dropRefusedAnswers,
  keepDraft,
  listResponses,
  loadHousehold,
  loadResponse,
  rememberStored,
  type SaveRequest,
  type SaveResult,
  saveResponse,
  unsentByAccount,
} from './responses';
export { type SyncStatus, startAutoSync, syncNow } from './sync';
export { isUnsent, type LocalHousehold, type LocalState, type Rejection } from './types';
export { countsOf, type OutboxCounts, useOnline, useOutboxCounts, useSyncStatus, useVillageHouseholds } from './use-outbox';
