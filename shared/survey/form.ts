// The household-dx form as data: question ids, labels (vi/en), input kinds and relevance.
// The web app renders from it, the API serves it, and the zod schema takes its relevance rules from it.
import type { Lang } from '../i18n/lang';

export type { Lang };
export type Label = Record<Lang, string>;

export type Relevance =
  | { kind: 'always' }
  /** Asked only of members at least this old in the round's reference year. */
  | { kind: 'minAge'; age: number }
  /** Asked only when another household answer has this value. */
  | { kind: 'when'; field: string; equals: boolean };

export type InputKind = 'text' | 'phone' | 'boolean' | 'year' | 'choice';

export interface Question {
  id: string;
  kind: InputKind;
  /** Required whenever the question is relevant. */
  required: boolean;
  label: Label;
  relevance: Relevance;
  maxLength?: number;
  options?: { value: string; label: Label }[];
}

export interface FormDefinition {
  id: 'household-dx';
  version: number;
  household: Question[];
  members: Question[];
  minMembers: number;
  maxMembers: number;
  /** Age from which the 15+ questions are asked. */
  adultQuestionAge: number;
}

const always: Relevance = { kind: 'always' };
const age15: Relevance = { kind: 'minAge', age: 15 };

export const HOUSEHOLD_FORM: FormDefinition = {
  id: 'household-dx',
  version: 1,
  minMembers: 1,
  maxMembers: 30,
  adultQuestionAge: 15,
  household: [
    { id: 'head_name', kind: 'text', required: true, maxLength: 100, relevance: always, label: { vi: 'Họ tên chủ hộ', en: 'Head of household' } },
    { id: 'address', kind: 'text', required: true, maxLength: 200, relevance: always, label: { vi: 'Địa chỉ', en: 'Address' } },
    { id: 'phone', kind: 'phone', required: false, relevance: always, label: { vi: 'Số điện thoại', en: 'Phone' } },
    {
      id: 'fiber_broadband',
      kind: 'boolean',
      required: true,
      relevance: always,
      label: { vi: 'Hộ có kết nối Internet băng rộng cáp quang (FTTH)?', en: 'Fibre broadband (FTTH) at home?' },
    },
    {
      id: 'internet_any',
      kind: 'boolean',
      required: true,
      relevance: always,
      label: { vi: 'Hộ có truy cập Internet (cáp quang, 4G/5G…)?', en: 'Any Internet access (fibre, 4G/5G…)?' },
    },
    {
      id: 'electricity_cashless',
      kind: 'boolean',
      required: true,
      relevance: always,
      label: { vi: 'Hộ thanh toán tiền điện không dùng tiền mặt?', en: 'Electricity bill paid cashless?' },
    },
    {
      id: 'business_household',
      kind: 'boolean',
      required: true,
      relevance: always,
      label: { vi: 'Hộ có sản xuất, kinh doanh?', en: 'Does the household run a business?' },
    },
    {
      id: 'ecommerce_shop',
      kind: 'boolean',
      required: true,
      relevance: { kind: 'when', field: 'business_household', equals: true },
      label: { vi: 'Hộ có gian hàng trên sàn thương mại điện tử?', en: 'Shop on an e-commerce platform?' },
    },
  ],
  members: [
    { id: 'name', kind: 'text', required: false, maxLength: 100, relevance: always, label: { vi: 'Họ tên', en: 'Name' } },
    { id: 'birth_year', kind: 'year', required: true, relevance: always, label: { vi: 'Năm sinh', en: 'Year of birth' } },
    {
      id: 'sex',
      kind: 'choice',
      required: false,
      relevance: always,
      label: { vi: 'Giới tính', en: 'Sex' },
      options: [
        { value: 'male', label: { vi: 'Nam', en: 'Male' } },
        { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
      ],
    },
    { id: 'has_ehr', kind: 'boolean', required: true, relevance: always, label: { vi: 'Có hồ sơ sức khỏe điện tử?', en: 'Has an electronic health record?' } },
    { id: 'has_smartphone', kind: 'boolean', required: true, relevance: age15, label: { vi: 'Có điện thoại thông minh?', en: 'Owns a smartphone?' } },
    {
      id: 'has_payment_account',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: { vi: 'Có tài khoản ngân hàng / ví điện tử?', en: 'Bank or e-wallet account?' },
    },
    {
      id: 'cashless_essential',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: {
        vi: 'Thanh toán không dùng tiền mặt cho dịch vụ thiết yếu (điện, nước, học phí, viện phí) trong 12 tháng qua?',
        en: 'Paid cashless for essential services in the last 12 months?',
      },
    },
    {
      id: 'has_vneid_level2',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: { vi: 'Có tài khoản định danh điện tử VNeID mức 2?', en: 'Level-2 VNeID account?' },
    },
    {
      id: 'has_digital_signature',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: { vi: 'Có chữ ký số / chữ ký điện tử cá nhân?', en: 'Personal digital or e-signature?' },
    },
    {
      id: 'used_online_public_service',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: { vi: 'Đã dùng dịch vụ công trực tuyến trong 12 tháng qua?', en: 'Used an online public service in the last 12 months?' },
    },
    {
      id: 'used_telehealth',
      kind: 'boolean',
      required: true,
      relevance: age15,
      label: { vi: 'Đã dùng dịch vụ khám, tư vấn sức khỏe từ xa?', en: 'Used telehealth?' },
    },
  ],
};
