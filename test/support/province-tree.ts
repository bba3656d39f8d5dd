// A synthetic province for scale tests and benchmarks: `districts` districts of `wardsPerDistrict` wards, each
// ward with a few villages and (most) with an official household count.
import type { Area } from '@shared/areas/areas';

export function provinceAreas(districts: number, wardsPerDistrict: number, villagesPerWard = 3): Area[] {
  const areas: Area[] = [{ code: 'P', name: 'Tỉnh', level: 'province', parentCode: null }];
  for (let d = 0; d < districts; d += 1) {
    const district = `D${d}`;
    areas.push({ code: district, name: `Huyện ${d}`, level: 'district', parentCode: 'P' });
    for (let w = 0; w < wardsPerDistrict; w += 1) {
      const ward = `${district}W${w}`;
      areas.push({ code: ward, name: `Xã ${d}.${w}`, level: 'ward', parentCode: district, households: (d * 31 + w) % 17 === 0 ? null : 1500 + w });
      for (let v = 0; v < villagesPerWard; v += 1) areas.push({ code: `${ward}V${v}`, name: `Thôn ${v}`, level: 'village', parentCode: ward });
    }
  }
  return areas;
}
