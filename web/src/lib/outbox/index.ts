// The outbox's one public module: every save, delete, draft and conflict choice of a household goes through
// here (to IndexedDB first, then the upload), and pages read the phone's households and upload status here.
export {
  chooseInConflict,
  deleteResponse,
  dropDraft,
  keepDraft,
  listResponses,
  loadHousehold,
  loadResponse,
  rememberStored,
  saveResponse,
  unsentByAccount,
  type SaveRequest,
  type SaveResult,
} from './responses';
export { startAutoSync, syncNow, type SyncStatus } from './sync';
export { countsOf, useOnline, useOutboxCounts, useSyncStatus, useVillageHouseholds, type OutboxCounts } from './use-outbox';
export { isUnsent, type LocalHousehold, type LocalState, type Rejection } from './types';
