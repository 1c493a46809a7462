import { fromCents, type Cents } from './money.js';

/**
 * Investment by locality and by source of funds (public: amounts and places, never people). Totals are kept per
 * currency: schemes in different currencies are never added together.
 */

export interface FundedProject {
  id: string;
  reference: string;
  title: string;
  status: string;
  currency: string;
  orgUnitCode: string;
  orgUnitName: string;
  latitude: number | null;
  longitude: number | null;
  beneficiaries: number;
  parties: { party: string; name_es: string; name_en: string; committed: Cents; received: Cents }[];
}

export function investmentSummary(projects: readonly FundedProject[]) {
  const totals = new Map<string, { currency: string; committed: Cents; received: Cents }>();
  const parties = new Map<string, { party: string; name_es: string; name_en: string; currency: string; committed: Cents; received: Cents }>();
  const localities = new Map<string, { org_unit_code: string; org_unit_name: string; projects: number; currency: string; committed: Cents; received: Cents; beneficiaries: number }>();
  const points: { project_id: string; reference: string; title: string; latitude: number; longitude: number; committed: number; currency: string; status: string }[] = [];

  for (const p of projects) {
    const committed = p.parties.reduce((s, x) => s + x.committed, 0);
    const received = p.parties.reduce((s, x) => s + x.received, 0);
    const total = totals.get(p.currency) ?? { currency: p.currency, committed: 0, received: 0 };
    total.committed += committed;
    total.received += received;
    totals.set(p.currency, total);
    for (const x of p.parties) {
      const key = `${x.party}\u0000${p.currency}`;
      const row = parties.get(key) ?? { party: x.party, name_es: x.name_es, name_en: x.name_en, currency: p.currency, committed: 0, received: 0 };
      row.committed += x.committed;
      row.received += x.received;
      parties.set(key, row);
    }
    const key = `${p.orgUnitCode}\u0000${p.currency}`;
    const place = localities.get(key) ?? { org_unit_code: p.orgUnitCode, org_unit_name: p.orgUnitName, projects: 0, currency: p.currency, committed: 0, received: 0, beneficiaries: 0 };
    place.projects += 1;
    place.committed += committed;
    place.received += received;
    place.beneficiaries += p.beneficiaries;
    localities.set(key, place);
    if (p.latitude !== null && p.longitude !== null) {
      points.push({ project_id: p.id, reference: p.reference, title: p.title, latitude: p.latitude, longitude: p.longitude, committed: fromCents(committed), currency: p.currency, status: p.status });
    }
  }
  const money = <T extends { committed: Cents; received: Cents }>(r: T) => ({ ...r, committed: fromCents(r.committed), received: fromCents(r.received) });
  return {
    currency_totals: [...totals.values()].map(money),
    by_party: [...parties.values()].map(money),
    by_locality: [...localities.values()].sort((a, b) => b.committed - a.committed).map(money),
    points,
  };
}
