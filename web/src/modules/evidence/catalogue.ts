import { useApi } from '../../app/components/useApi';
import { useI18n, type MessageKey } from '../../app/i18n';

/** What can be compared: the indicators and data elements the server lists, else the bundled ones it always has. */
export interface DxOption {
  id: string;
  name: string;
  unit: string;
  kind: 'indicator' | 'dataElement';
}

const BUNDLED: { id: string; unit: string; key: MessageKey }[] = [
  { id: 'remittances_pct_gdp', unit: 'pct', key: 'ev.dx.remittances_received_pct_gdp' },
  { id: 'remittances_received_usd', unit: 'usd', key: 'ev.dx.remittances_received_usd' },
  { id: 'remittances_paid_usd', unit: 'usd', key: 'ev.dx.remittances_paid_usd' },
  { id: 'emigrants', unit: 'persons', key: 'ev.dx.emigrants' },
  { id: 'immigrants', unit: 'persons', key: 'ev.dx.immigrants' },
  { id: 'net_migration', unit: 'persons', key: 'ev.dx.net_migration' },
];

type Item = { id: string; name?: string; name_es?: string; name_en?: string; unit?: string };

export function useDxCatalogue(): { options: DxOption[]; loading: boolean } {
  const { t, lang } = useI18n();
  const ind = useApi<{ items: Item[] }>('/evidence/indicators');
  const des = useApi<{ items: (Item & { importable?: boolean; bilateral?: boolean })[] }>('/evidence/data-elements');
  const name = (i: Item) => i.name || (lang === 'es' ? i.name_es : i.name_en) || i.name_en || i.id;
  const fromServer: DxOption[] = [
    ...(ind.data?.items ?? []).map((i) => ({ id: i.id, name: name(i), unit: i.unit ?? '', kind: 'indicator' as const })),
    ...(des.data?.items ?? []).filter((d) => !d.bilateral).map((i) => ({ id: i.id, name: name(i), unit: i.unit ?? '', kind: 'dataElement' as const })),
  ];
  const seen = new Set<string>();
  const options = (fromServer.length ? fromServer : BUNDLED.map((b) => ({ id: b.id, name: t(b.key), unit: b.unit, kind: 'indicator' as const }))).filter((o) => {
    if (seen.has(o.id)) return false;
    seen.add(o.id);
    return true;
  });
  return { options, loading: ind.loading || des.loading };
}
