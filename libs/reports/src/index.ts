export { programReport, type ProgramReport, type SourceFigures, type Indicator } from './program-report.js';
export { publicStatistics, type PublicStatistics } from './public-statistics.js';
export { suppress, type Cell } from './suppression.js';
export { ReportsService, type ScopedReport } from './reports.service.js';
export { ReportsModule } from './reports.module.js';
