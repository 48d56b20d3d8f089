/**
 * Quanzhou for the demo (docs/product.md): the city, its GB/T 2260 county-level divisions, and two
 * functional zones under internal codes (not GB/T 2260) that act as counties. 金门县 (350527) is
 * not listed: no program can serve it.
 */
export const REGION_LEVELS = ['city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export interface RegionSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  isFunctionalZone: boolean;
}

export const QUANZHOU_CITY_CODE = '350500';

const county = (code: string, nameZh: string, nameEn: string, isFunctionalZone = false): RegionSeed => ({
  code,
  nameZh,
  nameEn,
  level: 'county',
  parentCode: QUANZHOU_CITY_CODE,
  isFunctionalZone,
});

export const REGIONS: readonly RegionSeed[] = [
  { code: QUANZHOU_CITY_CODE, nameZh: '泉州市', nameEn: 'Quanzhou City', level: 'city', parentCode: null, isFunctionalZone: false },
  county('350502', '鲤城区', 'Licheng District'),
  county('350503', '丰泽区', 'Fengze District'),
  county('350504', '洛江区', 'Luojiang District'),
  county('350505', '泉港区', 'Quangang District'),
  county('350521', '惠安县', "Hui'an County"),
  county('350524', '安溪县', 'Anxi County'),
  county('350525', '永春县', 'Yongchun County'),
  county('350526', '德化县', 'Dehua County'),
  county('350571', '泉州开发区', 'Quanzhou Economic and Technological Development Zone', true),
  county('350572', '泉州台商投资区', 'Quanzhou Taiwanese Investment Zone', true),
  county('350581', '石狮市', 'Shishi City'),
  county('350582', '晋江市', 'Jinjiang City'),
  county('350583', '南安市', "Nan'an City"),
];
