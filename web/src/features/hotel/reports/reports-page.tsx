// /hotel/reports: the hotel's reports. property_id is chosen from the
// tenant's properties when the role may list them; an Accountant, who may
// not, runs reports over every property instead of typing ids.
import { ReportsWorkspace, type ParameterLookup } from '@/components/reports/reports-workspace';
import { useAuth } from '@/lib/auth/auth-context';
import { propertyLabel, useProperties } from '../common/lookups';

export function HotelReportsPage() {
  const { can } = useAuth();
  const properties = useProperties();
  const property: ParameterLookup = {
    options: (properties.data ?? []).map((p) => ({ value: p.id, label: propertyLabel(p) })),
    loading: can('hotel:properties:read') && properties.isPending,
    // No permission (the query never runs), or the server refused the list.
    unavailable: !can('hotel:properties:read') || properties.isError,
    placeholder: 'All properties',
    unavailableHint: 'All properties',
  };
  return (
    <ReportsWorkspace
      panel="hotel"
      description="Occupancy, revenue, stays and the audit trail as CSV, Excel or PDF"
      lookups={{ property_id: property }}
    />
  );
}
