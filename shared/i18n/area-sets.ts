// Messages of area sets: the import's per-line issues and the notes on results re-based onto another set.
// Plain data, registered by the server's loaders.
import type { Lang } from './lang';

const vi = {
  'areaSets.duplicate_code': 'Mã {code} đã có ở dòng trước.',
  'areaSets.parent_required': 'Cần mã đơn vị cấp trên (chỉ tỉnh mới không có).',
  'areaSets.unknown_parent': 'Không có đơn vị cấp trên mã {code} trong danh sách.',
  'areaSets.parent_not_above': 'Đơn vị {code} không ở cấp trên của đơn vị này.',
  'areaSets.unknown_level': 'Cấp phải là một trong: tỉnh (province), huyện (district), xã/phường (ward), thôn/khu phố (village).',
  'areaSets.required': 'Cột này không được để trống.',
  'areaSets.missing_column': 'Thiếu cột {column}.',
  'areaSets.unreadable_line': 'Không đọc được dòng này (xem lại dấu ngoặc kép).',
  'areaSets.invalid_households': 'Số hộ phải là số nguyên không âm.',
  'areaSets.unknown_from_unit': 'Bộ địa bàn {set} không có đơn vị mã {code}.',
  'areaSets.from_needs_ward': 'Chỉ xã/phường mới ghi đơn vị cũ ở cột from.',
  'areaSets.from_needs_village': 'Chỉ thôn/khu phố mới ghi thôn cũ ở cột from_villages.',
  'areaSets.from_set_required': 'Có ghi đơn vị cũ thì phải cho biết bộ địa bàn cũ (fromSetId).',
  'areaSets.unknown_from_set': 'Không có bộ địa bàn {set}.',
  'areaSets.set_taken': 'Đã có bộ địa bàn mã {id}; bộ địa bàn đã lưu thì không sửa được.',
  'areaSets.no_units': 'Tệp không có đơn vị nào.',
  'areaSets.invalid_share': 'Tỷ lệ phải là số lớn hơn 0 và không quá 1.',
  'areaSets.no_mapping': 'Chưa có bảng chuyển đổi từ bộ địa bàn {from} sang {to}.',
  'areaSets.aggregates_only': 'Chỉ bảng số liệu tổng hợp mới xem được theo bộ địa bàn khác; phiếu gốc luôn theo địa bàn của đợt khảo sát.',
  'areaSets.nothing_maps': 'Không địa bàn nào của người dùng này có trong bộ địa bàn {to}: hãy nhập địa bàn mới bằng tay.',
  'rebase.not_surveyed': '{area} gồm cả {units}, nơi đợt khảo sát này không khảo sát: số liệu chỉ tính phần đã khảo sát.',
  'rebase.split_without_villages': 'Đơn vị {units} bị chia mà chưa có danh sách thôn: số liệu của đơn vị đó không được tính vào {area}.',
};

const en: Record<keyof typeof vi, string> = {
  'areaSets.duplicate_code': 'Code {code} is already on an earlier line.',
  'areaSets.parent_required': 'A parent code is needed (only a province has none).',
  'areaSets.unknown_parent': 'There is no parent unit {code} in the list.',
  'areaSets.parent_not_above': 'Unit {code} is not at a level above this unit.',
  'areaSets.unknown_level': 'Level must be one of: province, district, ward, village.',
  'areaSets.required': 'This column must not be empty.',
  'areaSets.missing_column': 'Column {column} is missing.',
  'areaSets.unreadable_line': 'This line cannot be read (check its quotation marks).',
  'areaSets.invalid_households': 'Households must be a whole number, 0 or more.',
  'areaSets.unknown_from_unit': 'Area set {set} has no unit {code}.',
  'areaSets.from_needs_ward': 'Only a ward or commune names former units in the from column.',
  'areaSets.from_needs_village': 'Only a village names former villages in the from_villages column.',
  'areaSets.from_set_required': 'Former units need the former area set (fromSetId).',
  'areaSets.unknown_from_set': 'There is no area set {set}.',
  'areaSets.set_taken': 'Area set {id} already exists; a stored area set never changes.',
  'areaSets.no_units': 'The file has no units.',
  'areaSets.invalid_share': 'A share must be a number above 0 and at most 1.',
  'areaSets.no_mapping': 'There is no mapping from area set {from} to {to}.',
  'areaSets.aggregates_only': "Only the figures can be shown on another area set; raw responses always follow the round's areas.",
  'areaSets.nothing_maps': "None of this user's areas is in area set {to}: enter the new areas by hand.",
  'rebase.not_surveyed': '{area} also includes {units}, which this round did not survey: the figures cover the surveyed part only.',
  'rebase.split_without_villages': '{units} was split without a village list: its figures are not counted in {area}.',
};

export type AreaSetsMessageKey = keyof typeof vi;
export const AREA_SETS_MESSAGES: Record<Lang, Record<AreaSetsMessageKey, string>> = { vi, en };
