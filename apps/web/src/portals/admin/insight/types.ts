// The shapes of the reports and the audit API, from the generated client (docs/openapi.json:
// libs/reports ScopedReport, libs/audit AuditEntryView).
import type { Schemas } from '../../../api/client';

export type SourceFigures = Schemas['SourceFiguresDto'];
export type Indicator = Schemas['IndicatorDto'];
/** GET /admin/reports/programs/:id: the whole report (scope program) or a county's part (scope county). */
export type ProgramReport = Schemas['ProgramReportDto'];

/** A program as the dashboard's picker lists it (from GET /admin/programs, or the public statistics). */
export interface ProgramItem {
  id: string;
  name: string;
  fiscalYear: number;
  status: string;
}

export type AuditEntry = Schemas['AuditEntryView'];
