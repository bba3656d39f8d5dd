// GET /api/responses/{id}/history: one response's changes, for its collector and the officials who review it.
// Mounted before the responses routes (which admit collectors and admins only), so officials reach it too.

import type { AreaTree } from '@shared/areas/areas';
import { Hono } from 'hono';
import { readHistory } from '../../services/history/read-history';
import type { AppDeps, AppEnv } from '../context';
import { requireUser } from '../middleware';
import { responseId } from '../request';

export function responseHistoryRoutes({ repo, identity, areaTree }: AppDeps & { areaTree: () => Promise<AreaTree> }) {
  return new Hono<AppEnv>().get('/:id/history', requireUser(identity, 'collector', 'official', 'admin'), async (c) => {
    const history = await readHistory(responseId(c), c.get('user'), { responses: repo.responses, history: repo.history, areaTree });
    return c.json({ history });
  });
}
