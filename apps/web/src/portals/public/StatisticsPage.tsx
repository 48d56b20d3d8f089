// The public transparency page (/statistics, no login): GET /public/statistics. Placeholder until built.
import { NotFound } from '../../components/NotFound';

export default function StatisticsPage() {
  return <NotFound />;
}
