// Demo accounts of the local stand-in only. They never exist in AWS, where Cognito holds the users.
import { BIM_SON_AREAS } from '@shared/areas/bim-son';
import { hashPassword } from '../../functions/lib/auth/passwords';
import type { LocalUserRecord, ReferenceRepo } from '../../functions/lib/repo/types';

export const DEMO_PASSWORD = 'bimson2024';

export interface DemoUser {
  username: string;
  role: LocalUserRecord['role'];
  areas: string[];
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', role: 'admin', areas: ['38'], description: 'administrator' },
  { username: 'official', role: 'official', areas: ['381'], description: 'official, whole town (Thị xã Bỉm Sơn)' },
  ...BIM_SON_AREAS.filter((a) => a.level === 'ward').map((ward) => ({
    username: `collector-${ward.code}`,
    role: 'collector' as const,
    areas: [ward.code],
    description: `collector, ${ward.name}`,
  })),
];

export async function seedDemoUsers(reference: ReferenceRepo): Promise<void> {
  await Promise.all(
    DEMO_USERS.map(async ({ username, role, areas }) => reference.putLocalUser({ username, role, areas, passwordHash: await hashPassword(DEMO_PASSWORD) })),
  );
}
