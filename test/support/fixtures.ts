// Valid survey bodies to start tests from; each test changes only what it is about.
import type { Member, ResponseBody } from '@shared/survey/schema';

export const ROUND_ID = 'cds-2024';
export const REFERENCE_YEAR = 2024;

export function adult(overrides: Partial<Member> = {}): Member {
  return {
    name: 'Trần Thị Bình',
    birth_year: 1984,
    sex: 'female',
    has_ehr: true,
    has_smartphone: true,
    has_payment_account: true,
    cashless_essential: true,
    has_vneid_level2: true,
    has_digital_signature: false,
    used_online_public_service: true,
    used_telehealth: false,
    ...overrides,
  };
}

export function child(birthYear = 2014, overrides: Partial<Member> = {}): Member {
  return { name: 'Bé Na', birth_year: birthYear, has_ehr: false, ...overrides };
}

export function responseBody(overrides: Partial<ResponseBody> = {}): ResponseBody {
  return {
    roundId: ROUND_ID,
    wardCode: '14815',
    villageCode: '14815-khu-pho-1',
    household: {
      head_name: 'Nguyễn Văn Đức',
      address: 'Số 5, đường Trần Phú',
      phone: '0912345678',
      fiber_broadband: true,
      internet_any: true,
      electricity_cashless: true,
      business_household: false,
    },
    members: [adult(), child()],
    ...overrides,
  };
}
