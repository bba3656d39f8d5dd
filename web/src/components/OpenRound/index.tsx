// The reference data a collector's page starts from: the open round and the areas (cached for offline use).
// Shows loading, a failure with retry, or "no open round"; otherwise renders the page with them.

import type { Round } from '@shared/api/contract';
import type { Area } from '@shared/areas/areas';
import type { ComponentChildren } from 'preact';
import { getAreas, getRounds } from '../../lib/platform/reference';
import { openRound } from '../../lib/platform/rounds';
import { useAsync } from '../../lib/platform/use-async';
import { useLang } from '../../lib/platform/use-lang';
import { LoadFailed, Loading } from '../Loading';
import { Notice } from '../Notice';

export function OpenRound({ children }: { children: (round: Round, areas: Area[]) => ComponentChildren }) {
  const { t } = useLang();
  const reference = useAsync(() => Promise.all([getRounds(), getAreas()]), []);
  if (reference.error) return <LoadFailed error={reference.error} onRetry={reference.reload} />;
  if (!reference.data) return <Loading />;
  const [rounds, areas] = reference.data;
  const round = openRound(rounds, new Date());
  return <>{round ? children(round, areas) : <Notice kind="warning">{t('ui.round.none_open')}</Notice>}</>;
}
