// /admin/reports: the platform's reports (hotels, impersonation sessions,
// the audit trail of every chain).
import { ReportsWorkspace } from '@/components/reports/reports-workspace';

export function AdminReportsPage() {
  return <ReportsWorkspace panel="admin" description="Hotels, support sessions and the audit trail as CSV, Excel or PDF" />;
}
