// Messages of the sign-in page (and its verification-code step): a lazy chunk of its own, precached for offline
// use, which registers them; out of the core table so that the collector's first download stays small.
import type { Lang } from './lang';

const vi = {
  'ui.login.title': 'Đăng nhập',
  'ui.login.code': 'Mã xác thực (6 số)',
  'ui.login.code_hint': 'Mở ứng dụng xác thực trên điện thoại và nhập mã 6 số đang hiện.',
  'ui.login.back': 'Quay lại',
  'ui.login.username': 'Tên đăng nhập',
  'ui.login.password': 'Mật khẩu',
  'ui.login.submit': 'Đăng nhập',
  'ui.login.submitting': 'Đang đăng nhập…',
};

export type SignInMessageKey = keyof typeof vi;

const en: Record<SignInMessageKey, string> = {
  'ui.login.title': 'Sign in',
  'ui.login.code': 'Verification code (6 digits)',
  'ui.login.code_hint': 'Open the authenticator app on your phone and enter the 6-digit code it shows.',
  'ui.login.back': 'Back',
  'ui.login.username': 'Username',
  'ui.login.password': 'Password',
  'ui.login.submit': 'Sign in',
  'ui.login.submitting': 'Signing in…',
};

export const SIGN_IN_MESSAGES: Record<Lang, Record<SignInMessageKey, string>> = { vi, en };
