// The precise union of message keys, built from the tables' types. Only type imports: the tables stay out of
// any bundle that merely names a key, and no table imports this module (so no circle).
import type { AreaSetsMessageKey } from './area-sets';
import type { CoreMessageKey } from './core-messages';
import type { HouseholdFormMessageKey } from './household-form';
import type { OfficialsMessageKey } from './officials';
import type { SelfReportMessageKey } from './self-report';
import type { SignInMessageKey } from './sign-in';

/** Every message key: the core ones and those of the lazily registered tables. */
export type MessageKey = CoreMessageKey | OfficialsMessageKey | SelfReportMessageKey | AreaSetsMessageKey | HouseholdFormMessageKey | SignInMessageKey;
