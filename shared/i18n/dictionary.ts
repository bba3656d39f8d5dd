// The one dictionary: every user-facing text of the web app and the API, Vietnamese first.
// Placeholders are {name}; `translate` fills them. Question labels live with the form definition.
import type { Lang } from '../survey/form';

const vi = {
  // validation (API 400s and inline form messages)
  'validation.required': 'Vui lòng trả lời câu hỏi này.',
  'validation.invalid_type.boolean': 'Vui lòng chọn Có hoặc Không.',
  'validation.invalid_type.number': 'Vui lòng nhập một số.',
  'validation.invalid_type.string': 'Vui lòng nhập chữ.',
  'validation.invalid_type.array': 'Cần một danh sách.',
  'validation.invalid_type.object': 'Cần một nhóm câu trả lời.',
  'validation.invalid_type': 'Giá trị không đúng kiểu.',
  'validation.integer': 'Vui lòng nhập số nguyên.',
  'validation.too_small.string': 'Không được để trống.',
  'validation.too_big.string': 'Tối đa {maximum} ký tự.',
  'validation.too_small.number': 'Giá trị nhỏ nhất là {minimum}.',
  'validation.too_big.number': 'Giá trị lớn nhất là {maximum}.',
  'validation.too_small.array': 'Cần ít nhất {minimum} mục.',
  'validation.too_big.array': 'Tối đa {maximum} mục.',
  'validation.invalid_format.phone': 'Số điện thoại Việt Nam không hợp lệ (ví dụ 0912345678).',
  'validation.invalid_format': 'Định dạng không hợp lệ.',
  'validation.invalid_value': 'Giá trị phải là một trong: {values}.',
  'validation.unrecognized_key': 'Trường không được hỗ trợ: {key}.',
  'validation.required_when_relevant': 'Vui lòng trả lời câu hỏi này.',
  'validation.not_asked_under_age': 'Câu hỏi này chỉ dành cho người từ {age} tuổi trở lên.',
  'validation.not_asked_unless': 'Câu hỏi này chỉ dành cho hộ có sản xuất, kinh doanh.',
  'validation.birth_year_after_reference': 'Năm sinh không được sau năm {year}.',
  'validation.fiber_implies_internet': 'Hộ có cáp quang thì cũng có truy cập Internet.',
  'validation.invalid_json': 'Nội dung gửi lên không phải JSON hợp lệ.',
  'validation.unknown_round': 'Không có đợt khảo sát này.',
  'validation.round_closed': 'Đợt khảo sát đã đóng.',
  'validation.round_change': 'Không thể chuyển phiếu sang đợt khảo sát khác.',
  'validation.unknown_ward': 'Không có phường/xã này.',
  'validation.village_not_in_ward': 'Thôn/khu phố không thuộc phường/xã đã chọn.',
  'validation.invalid_uuid': 'Mã phiếu phải là UUID.',
  'validation.invalid_if_match': 'If-Match phải là số phiên bản.',
  'validation.invalid_query': 'Tham số truy vấn không hợp lệ.',
  // API errors
  'error.bad_request': 'Dữ liệu gửi lên chưa hợp lệ.',
  'error.unauthorized': 'Bạn cần đăng nhập.',
  'error.bad_credentials': 'Sai tên đăng nhập hoặc mật khẩu.',
  'error.forbidden': 'Bạn không có quyền với khu vực này.',
  'error.not_found': 'Không tìm thấy.',
  'error.version_conflict': 'Phiếu đã được sửa ở nơi khác (phiên bản hiện tại {current}).',
  'error.version_required': 'Phiếu đã tồn tại: cần gửi If-Match với phiên bản hiện tại để sửa.',
  'error.deleted': 'Phiếu này đã bị xóa.',
  'error.payload_too_large': 'Nội dung gửi lên quá lớn (tối đa {limit}).',
  'error.too_many_requests': 'Quá nhiều yêu cầu, vui lòng thử lại sau.',
  'error.internal': 'Đã có lỗi ở máy chủ. Vui lòng thử lại.',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'validation.required': 'Please answer this question.',
  'validation.invalid_type.boolean': 'Please choose Yes or No.',
  'validation.invalid_type.number': 'Please enter a number.',
  'validation.invalid_type.string': 'Please enter text.',
  'validation.invalid_type.array': 'A list is expected.',
  'validation.invalid_type.object': 'A group of answers is expected.',
  'validation.invalid_type': 'Wrong type of value.',
  'validation.integer': 'Please enter a whole number.',
  'validation.too_small.string': 'Must not be empty.',
  'validation.too_big.string': 'At most {maximum} characters.',
  'validation.too_small.number': 'The smallest allowed value is {minimum}.',
  'validation.too_big.number': 'The largest allowed value is {maximum}.',
  'validation.too_small.array': 'At least {minimum} entries are needed.',
  'validation.too_big.array': 'At most {maximum} entries.',
  'validation.invalid_format.phone': 'Not a valid Vietnamese phone number (e.g. 0912345678).',
  'validation.invalid_format': 'Invalid format.',
  'validation.invalid_value': 'Must be one of: {values}.',
  'validation.unrecognized_key': 'Unknown field: {key}.',
  'validation.required_when_relevant': 'Please answer this question.',
  'validation.not_asked_under_age': 'This question is only for people aged {age} or over.',
  'validation.not_asked_unless': 'This question is only for households that run a business.',
  'validation.birth_year_after_reference': 'The year of birth cannot be after {year}.',
  'validation.fiber_implies_internet': 'A household with fibre broadband also has Internet access.',
  'validation.invalid_json': 'The request body is not valid JSON.',
  'validation.unknown_round': 'There is no such survey round.',
  'validation.round_closed': 'The survey round is closed.',
  'validation.round_change': 'A response cannot move to another survey round.',
  'validation.unknown_ward': 'There is no such ward or commune.',
  'validation.village_not_in_ward': 'The village does not belong to the chosen ward.',
  'validation.invalid_uuid': 'The response id must be a UUID.',
  'validation.invalid_if_match': 'If-Match must be a version number.',
  'validation.invalid_query': 'Invalid query parameter.',
  'error.bad_request': 'The data sent is not valid.',
  'error.unauthorized': 'Please sign in.',
  'error.bad_credentials': 'Wrong username or password.',
  'error.forbidden': 'You have no access to this area.',
  'error.not_found': 'Not found.',
  'error.version_conflict': 'The response was changed elsewhere (current version {current}).',
  'error.version_required': 'The response exists: send If-Match with its current version to edit it.',
  'error.deleted': 'This response was deleted.',
  'error.payload_too_large': 'The request body is too large (at most {limit}).',
  'error.too_many_requests': 'Too many requests, please try again later.',
  'error.internal': 'Something went wrong on the server. Please try again.',
};

export const DICTIONARY: Record<Lang, Record<MessageKey, string>> = { vi, en };

/** The message for `key` in `lang`, with {placeholders} filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, unknown> = {}): string {
  return DICTIONARY[lang][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Picks vi or en from an Accept-Language header; Vietnamese unless English is preferred. */
export function langFromAcceptLanguage(header: string | undefined | null): Lang {
  if (!header) return 'vi';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
