// The core messages: every user-facing text of the web app and the API that a collector's first download
// needs, Vietnamese (core-vi.ts) and English (core-en.ts). Plain data: the loaders register it
// (`registerMessages(CORE_MESSAGES)`); the web app registers Vietnamese first and English on demand.
import { CORE_EN } from './core-en';
import { CORE_VI, type CoreMessageKey } from './core-vi';
import type { Lang } from './lang';

export type { CoreMessageKey };

export const CORE_MESSAGES: Record<Lang, Record<CoreMessageKey, string>> = { vi: CORE_VI, en: CORE_EN };
