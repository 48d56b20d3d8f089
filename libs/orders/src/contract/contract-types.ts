/**
 * The four statutory technology-contract types (《技术合同认定规则》: 技术开发 / 技术转让 /
 * 技术咨询 / 技术服务) and the default type of each top-level service category. The default is what
 * a technology-contract registry would most often classify such a service as:
 * - testing (检验检测), IP services (代理、检索), incubation, pilot-scale production: 技术服务 — the
 *   provider solves a specific technical problem with its know-how, nothing new is developed;
 * - R&D and design (研发设计): 技术开发 — new products, processes or designs are developed;
 * - technology transfer (技术转移): 技术转让 — rights in a technology change hands;
 * - consulting (科技咨询): 技术咨询 — feasibility studies, evaluations, technical forecasts.
 */
export const TECH_CONTRACT_TYPES = ['development', 'transfer', 'consulting', 'service'] as const;
export type TechContractType = (typeof TECH_CONTRACT_TYPES)[number];

export const TECH_CONTRACT_LABELS: Readonly<Record<TechContractType, { zh: string; en: string }>> = {
  development: { zh: '技术开发合同', en: 'Technology Development Contract' },
  transfer: { zh: '技术转让合同', en: 'Technology Transfer Contract' },
  consulting: { zh: '技术咨询合同', en: 'Technology Consulting Contract' },
  service: { zh: '技术服务合同', en: 'Technical Service Contract' },
};

const BY_TOP_LEVEL: Readonly<Record<string, TechContractType>> = {
  testing: 'service',
  ip: 'service',
  transfer: 'transfer',
  incubation: 'service',
  rd: 'development',
  pilot: 'service',
  consulting: 'consulting',
};

/** The default type for a category, given its code (`rd.mold-design`: the top level decides); unknown: 技术服务. */
export function defaultContractType(categoryCode: string): TechContractType {
  return BY_TOP_LEVEL[categoryCode.split('.')[0]] ?? 'service';
}
