/**
 * Demo data for the embedded default: fictional organizations with realistic Quanzhou names.
 * Every name and code here is made up; USCCs are generated with valid check characters.
 */
export const DEMO_PASSWORD = 'Demo!2026pass';

export interface DemoStaff {
  email: string;
  displayName: string;
  roles: { role: 'county_reviewer' | 'city_reviewer' | 'program_officer' | 'finance_officer' | 'auditor' | 'super_admin'; regionCodes: string[] }[];
}

export const DEMO_STAFF: DemoStaff[] = [
  { email: 'admin@demo.innoserve.cn', displayName: '系统管理员 林建华', roles: [{ role: 'super_admin', regionCodes: ['350500'] }] },
  { email: 'officer@demo.innoserve.cn', displayName: '项目主管 陈雅琴', roles: [{ role: 'program_officer', regionCodes: ['350500'] }] },
  { email: 'city.reviewer1@demo.innoserve.cn', displayName: '市级审核 黄志强', roles: [{ role: 'city_reviewer', regionCodes: ['350500'] }] },
  { email: 'city.reviewer2@demo.innoserve.cn', displayName: '市级审核 吴丽萍', roles: [{ role: 'city_reviewer', regionCodes: ['350500'] }] },
  { email: 'jinjiang.reviewer@demo.innoserve.cn', displayName: '晋江审核 许文斌', roles: [{ role: 'county_reviewer', regionCodes: ['350582'] }] },
  { email: 'nanan.reviewer@demo.innoserve.cn', displayName: '南安审核 洪美玲', roles: [{ role: 'county_reviewer', regionCodes: ['350583'] }] },
  { email: 'shishi.reviewer@demo.innoserve.cn', displayName: '石狮审核 蔡振宇', roles: [{ role: 'county_reviewer', regionCodes: ['350581'] }] },
  { email: 'finance@demo.innoserve.cn', displayName: '财务 郑秀芳', roles: [{ role: 'finance_officer', regionCodes: ['350500'] }] },
  { email: 'finance2@demo.innoserve.cn', displayName: '财务复核 庄伟明', roles: [{ role: 'finance_officer', regionCodes: ['350500'] }] },
  { email: 'auditor@demo.innoserve.cn', displayName: '审计 王国栋', roles: [{ role: 'auditor', regionCodes: ['350500'] }] },
];

export interface DemoEnterprise {
  key: string;
  name: string;
  regionCode: string;
  industry: string;
  employees: number;
  annualRevenueFen: number;
  totalAssetsFen: number;
  legalRepresentative: string;
  address: string;
  phone: string;
  establishedOn: string;
  controllerGroup?: string;
  shareholders: string[];
  techSmeNo?: string;
  highTechCertNo?: string;
  highTechCertExpiresOn?: string;
  /** Where the demo leaves its verification. */
  status: 'verified' | 'pending' | 'rejected';
}

const wan = (n: number) => n * 1_000_000; // 万元 → fen

export const DEMO_ENTERPRISES: DemoEnterprise[] = [
  { key: 'e01', name: '晋江市恒锦纺织科技有限公司', regionCode: '350582', industry: 'industry', employees: 180, annualRevenueFen: wan(9_500), totalAssetsFen: wan(7_200), legalRepresentative: '许志明', address: '福建省泉州市晋江市英林镇锦绣路88号', phone: '0595-85671234', establishedOn: '2012-05-18', shareholders: ['许志明', '许雅婷'], techSmeNo: '202335058200123', highTechCertNo: 'GR202335001234', highTechCertExpiresOn: '2026-12-10', status: 'verified' },
  { key: 'e02', name: '晋江市鸿翔鞋业有限公司', regionCode: '350582', industry: 'industry', employees: 420, annualRevenueFen: wan(26_000), totalAssetsFen: wan(18_000), legalRepresentative: '丁国强', address: '福建省泉州市晋江市陈埭镇鞋都路16号', phone: '0595-85123456', establishedOn: '2008-03-02', controllerGroup: '鸿翔控股集团', shareholders: ['丁国强'], status: 'verified' },
  { key: 'e03', name: '晋江市鸿翔体育用品有限公司', regionCode: '350582', industry: 'industry', employees: 95, annualRevenueFen: wan(4_800), totalAssetsFen: wan(3_100), legalRepresentative: '丁文华', address: '福建省泉州市晋江市陈埭镇鞋都路18号', phone: '0595-85123457', establishedOn: '2016-09-21', controllerGroup: '鸿翔控股集团', shareholders: ['丁国强', '丁文华'], status: 'verified' },
  { key: 'e04', name: '南安市闽石建材科技有限公司', regionCode: '350583', industry: 'industry', employees: 66, annualRevenueFen: wan(2_600), totalAssetsFen: wan(2_900), legalRepresentative: '洪建平', address: '福建省泉州市南安市水头镇石材大道201号', phone: '0595-86981234', establishedOn: '2014-11-11', shareholders: ['洪建平'], techSmeNo: '202335058300456', status: 'verified' },
  { key: 'e05', name: '南安市智泵机电有限公司', regionCode: '350583', industry: 'industry', employees: 38, annualRevenueFen: wan(1_200), totalAssetsFen: wan(900), legalRepresentative: '李清泉', address: '福建省泉州市南安市省新镇机电园5号', phone: '0595-86345678', establishedOn: '2018-06-30', shareholders: ['李清泉', '陈美华'], status: 'pending' },
  { key: 'e06', name: '泉州云码软件科技有限公司', regionCode: '350503', industry: 'software_it', employees: 45, annualRevenueFen: wan(1_500), totalAssetsFen: wan(800), legalRepresentative: '林一帆', address: '福建省泉州市丰泽区软件园二期A栋6层', phone: '0595-22881234', establishedOn: '2019-04-08', shareholders: ['林一帆', '苏晓东'], techSmeNo: '202335050300789', status: 'verified' },
  { key: 'e07', name: '石狮市海韵服装有限公司', regionCode: '350581', industry: 'industry', employees: 15, annualRevenueFen: wan(260), totalAssetsFen: wan(300), legalRepresentative: '蔡秀兰', address: '福建省泉州市石狮市宝盖镇服装城3区12号', phone: '0595-88761234', establishedOn: '2020-08-15', shareholders: ['蔡秀兰'], status: 'verified' },
  { key: 'e08', name: '安溪县茗香茶业科技有限公司', regionCode: '350524', industry: 'agriculture', employees: 52, annualRevenueFen: wan(1_800), totalAssetsFen: wan(1_400), legalRepresentative: '陈茗远', address: '福建省泉州市安溪县感德镇茶都路66号', phone: '0595-23281234', establishedOn: '2013-02-26', shareholders: ['陈茗远'], status: 'verified' },
  { key: 'e09', name: '德化县瓷都新材料有限公司', regionCode: '350526', industry: 'industry', employees: 130, annualRevenueFen: wan(6_200), totalAssetsFen: wan(5_100), legalRepresentative: '郑德瓷', address: '福建省泉州市德化县浔中镇陶瓷街9号', phone: '0595-23561234', establishedOn: '2011-07-07', shareholders: ['郑德瓷', '郑雪梅'], highTechCertNo: 'GR202235005678', highTechCertExpiresOn: '2025-11-30', status: 'pending' },
  { key: 'e10', name: '惠安县石雕智造有限公司', regionCode: '350521', industry: 'industry', employees: 28, annualRevenueFen: wan(700), totalAssetsFen: wan(650), legalRepresentative: '张石生', address: '福建省泉州市惠安县崇武镇石雕园2号', phone: '0595-87681234', establishedOn: '2017-10-10', shareholders: ['张石生'], status: 'rejected' },
];

export interface DemoProvider {
  key: string;
  name: string;
  regionCode: string;
  legalRepresentative: string;
  address: string;
  phone: string;
  providerTypes: string[];
  qualifications: { kind: string; number: string; expiresOn?: string }[];
  /** Category codes (reference lib), resolved to ids at seed time. */
  categoryCodes: string[];
  status: 'admitted' | 'in_notice' | 'applied';
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  { key: 'p01', name: '泉州市纺织服装产品质量检测中心有限公司', regionCode: '350582', legalRepresentative: '王检平', address: '福建省泉州市晋江市经济开发区检测路1号', phone: '0595-85001111', providerTypes: ['testing_lab'], qualifications: [{ kind: 'CMA', number: '231312340567', expiresOn: '2028-06-30' }, { kind: 'CNAS', number: 'L12345', expiresOn: '2027-12-31' }], categoryCodes: ['testing'], status: 'admitted' },
  { key: 'p02', name: '福建闽南检验认证技术有限公司', regionCode: '350503', legalRepresentative: '黄认真', address: '福建省泉州市丰泽区东海大街99号', phone: '0595-22002222', providerTypes: ['testing_lab'], qualifications: [{ kind: 'CMA', number: '221312340890', expiresOn: '2027-03-31' }], categoryCodes: ['testing'], status: 'admitted' },
  { key: 'p03', name: '泉州智权知识产权代理有限公司', regionCode: '350503', legalRepresentative: '李知远', address: '福建省泉州市丰泽区田安路创意大厦12层', phone: '0595-22003333', providerTypes: ['ip_service'], qualifications: [{ kind: 'PATENT_AGENCY', number: '35213', expiresOn: '2029-01-01' }], categoryCodes: ['ip'], status: 'admitted' },
  { key: 'p04', name: '晋江市专利导航服务有限公司', regionCode: '350582', legalRepresentative: '施专', address: '福建省泉州市晋江市世纪大道218号', phone: '0595-85004444', providerTypes: ['ip_service', 'consulting'], qualifications: [{ kind: 'PATENT_AGENCY', number: '35288', expiresOn: '2028-05-01' }], categoryCodes: ['ip', 'consulting'], status: 'admitted' },
  { key: 'p05', name: '泉州海丝技术转移中心有限公司', regionCode: '350502', legalRepresentative: '陈转化', address: '福建省泉州市鲤城区温陵路108号', phone: '0595-22005555', providerTypes: ['tech_transfer'], qualifications: [], categoryCodes: ['transfer'], status: 'admitted' },
  { key: 'p06', name: '泉州芯谷众创空间管理有限公司', regionCode: '350505', legalRepresentative: '刘创业', address: '福建省泉州市泉港区石化园区孵化楼', phone: '0595-87006666', providerTypes: ['incubator'], qualifications: [{ kind: 'MAKERSPACE_NATIONAL', number: 'GJZC2021-0356' }], categoryCodes: ['incubation'], status: 'admitted' },
  { key: 'p07', name: '南安市光电科技企业孵化器有限公司', regionCode: '350583', legalRepresentative: '洪孵化', address: '福建省泉州市南安市光电信息产业基地8号', phone: '0595-86007777', providerTypes: ['incubator'], qualifications: [{ kind: 'MAKERSPACE_PROVINCIAL', number: 'FJZC2022-0112' }], categoryCodes: ['incubation'], status: 'in_notice' },
  { key: 'p08', name: '泉州工业设计研究院有限公司', regionCode: '350503', legalRepresentative: '吴设计', address: '福建省泉州市丰泽区工业设计园3号楼', phone: '0595-22008888', providerTypes: ['rd_design'], qualifications: [], categoryCodes: ['rd'], status: 'admitted' },
  { key: 'p09', name: '泉州台商投资区中试熟化基地有限公司', regionCode: '350572', legalRepresentative: '林中试', address: '福建省泉州市台商投资区东园镇中试路6号', phone: '0595-87009999', providerTypes: ['pilot_scale', 'rd_design'], qualifications: [], categoryCodes: ['pilot', 'rd'], status: 'admitted' },
  { key: 'p10', name: '泉州科创管理咨询有限公司', regionCode: '350571', legalRepresentative: '郭咨询', address: '福建省泉州市经济技术开发区清濛园区崇宏街5号', phone: '0595-22010000', providerTypes: ['consulting', 'tech_transfer'], qualifications: [], categoryCodes: ['consulting'], status: 'applied' },
];

/** Owner logins of the demo organizations: <key>@demo.innoserve.cn */
export const demoOwnerEmail = (key: string): string => `${key}@demo.innoserve.cn`;
