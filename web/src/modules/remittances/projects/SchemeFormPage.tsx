import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Checkbox, Fieldset, TextInput } from '../../../app/components/Field';
import { PageHeading } from '../../../app/components/Layout';
import { useMutation } from '../../../app/components/useMutation';
import { setFlash } from '../../../app/flash';
import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link, navigate } from '../../../app/router';
import { parseAmount, sharesSumHundredths } from './calc';
import { ProjectsNav, useProjectLabels } from './shared';
import { PROJECT_TYPES, type ProjectType, type Scheme } from './types';

interface PartyRow {
  /** stays with the row when another party is removed, so the shares typed for it stay with it too */
  uid: number;
  key: string;
  name_es: string;
  name_en: string;
  /** the key follows the Spanish name until the user types one */
  keyTouched: boolean;
}
interface RuleRow {
  included: boolean;
  max_budget: string;
  /** by party row uid */
  shares: Record<number, string>;
}
interface CriterionRow {
  key: string;
  name_es: string;
  name_en: string;
  weight: string;
  keyTouched: boolean;
}

/** "Gobierno municipal" -> "gobierno_municipal": a key the API accepts ([a-z_]{2,30}). */
function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 30);
}

const KEY = /^[a-z_]{2,30}$/;
let nextUid = 0;
const emptyParty = (): PartyRow => ({ uid: nextUid++, key: '', name_es: '', name_en: '', keyTouched: false });
const emptyCriterion = (): CriterionRow => ({ key: '', name_es: '', name_en: '', weight: '', keyTouched: false });

/**
 * A funding scheme as data: its parties, per project type the cap and each party's share (the running sum shown,
 * it must be exactly 100 %), and the weighted criteria the committee will score against.
 */
export default function SchemeFormPage() {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const create = useMutation((body: object, _fieldIds: Record<string, string>) => api.post<Scheme>('/remittances/schemes', body), {
    fieldIds: ([, fieldIds]) => fieldIds,
    generalTarget: 'code',
    onSuccess: (created) => {
      setFlash(t('rp.schemeForm.created', { name: created.name }));
      navigate('/remittances/schemes');
    },
  });
  const { busy, errors } = create;
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('');
  const [minScore, setMinScore] = useState('');
  const [parties, setParties] = useState<PartyRow[]>(() => [emptyParty(), emptyParty()]);
  const [rules, setRules] = useState<Record<ProjectType, RuleRow>>(() =>
    Object.fromEntries(PROJECT_TYPES.map((p) => [p, { included: false, max_budget: '', shares: {} }])) as Record<ProjectType, RuleRow>,
  );
  const [criteria, setCriteria] = useState<CriterionRow[]>([emptyCriterion()]);

  const editParty = (i: number, patch: Partial<PartyRow>) =>
    setParties((rows) =>
      rows.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        if (patch.key !== undefined) next.keyTouched = true;
        if (patch.name_es !== undefined && !r.keyTouched) next.key = slug(patch.name_es);
        return next;
      }),
    );
  const editCriterion = (i: number, patch: Partial<CriterionRow>) =>
    setCriteria((rows) =>
      rows.map((r, j) => {
        if (j !== i) return r;
        const next = { ...r, ...patch };
        if (patch.key !== undefined) next.keyTouched = true;
        if (patch.name_es !== undefined && !r.keyTouched) next.key = slug(patch.name_es);
        return next;
      }),
    );
  const editRule = (type: ProjectType, patch: Partial<RuleRow>) => setRules((all) => ({ ...all, [type]: { ...all[type], ...patch } }));

  const shareOf = (rule: RuleRow, i: number) => {
    const text = rule.shares[parties[i]!.uid]?.trim();
    return text ? parseAmount(text, locale) : null;
  };
  const sumOf = (rule: RuleRow) => sharesSumHundredths(parties.map((_, i) => shareOf(rule, i) ?? 0)) / 100;
  const weights = criteria.map((c) => parseAmount(c.weight, locale) ?? 0);
  const weightSum = weights.reduce((s, w) => s + (w > 0 ? w : 0), 0);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const p: [string, string][] = [];
    if (!code.trim()) p.push(['code', t('rp.schemeForm.code.required')]);
    if (!name.trim()) p.push(['name', t('rp.schemeForm.name.required')]);
    if (!/^[A-Z]{3}$/.test(currency.trim().toUpperCase())) p.push(['currency', t('rp.schemeForm.currency.invalid')]);
    const keys = new Set<string>();
    parties.forEach((r, i) => {
      if (!r.name_es.trim()) p.push([`party-${i}-name_es`, t('rp.schemeForm.party.name.required', { n: i + 1 })]);
      if (!KEY.test(r.key)) p.push([`party-${i}-key`, t('rp.schemeForm.key.invalid', { n: i + 1 })]);
      else if (keys.has(r.key)) p.push([`party-${i}-key`, t('rp.schemeForm.key.duplicate', { key: r.key })]);
      keys.add(r.key);
    });
    const included = PROJECT_TYPES.filter((type) => rules[type].included);
    if (included.length === 0) p.push([`rule-${PROJECT_TYPES[0]}-included`, t('rp.schemeForm.rules.required')]);
    for (const type of included) {
      const r = rules[type];
      const cap = parseAmount(r.max_budget, locale);
      if (cap === null || cap <= 0) p.push([`rule-${type}-max_budget`, t('rp.schemeForm.cap.invalid', { type: l.type(type) })]);
      parties.forEach((_, i) => {
        const s = shareOf(r, i);
        if (r.shares[parties[i]!.uid]?.trim() && (s === null || s < 0 || s > 100)) p.push([`rule-${type}-share-${i}`, t('rp.schemeForm.share.invalid', { type: l.type(type) })]);
      });
      if (Math.round(sumOf(r) * 100) !== 10000) p.push([`rule-${type}-sum`, t('rp.schemeForm.sum.not100', { type: l.type(type), sum: formatNumber(sumOf(r), locale, { maximumFractionDigits: 2 }) })]);
    }
    const ckeys = new Set<string>();
    criteria.forEach((c, i) => {
      if (!c.name_es.trim()) p.push([`criterion-${i}-name_es`, t('rp.schemeForm.criterion.name.required', { n: i + 1 })]);
      if (!KEY.test(c.key)) p.push([`criterion-${i}-key`, t('rp.schemeForm.key.invalid', { n: i + 1 })]);
      else if (ckeys.has(c.key)) p.push([`criterion-${i}-key`, t('rp.schemeForm.key.duplicate', { key: c.key })]);
      ckeys.add(c.key);
      if (!(weights[i]! > 0)) p.push([`criterion-${i}-weight`, t('rp.schemeForm.weight.invalid', { n: i + 1 })]);
    });
    const min = parseAmount(minScore, locale);
    if (min === null || min < 0 || min > 10) p.push(['min_score', t('rp.schemeForm.minScore.invalid')]);
    if (errors.set(p)) return;

    const body = {
      code: code.trim(),
      name: name.trim(),
      currency: currency.trim().toUpperCase(),
      parties: parties.map((r) => ({ key: r.key, name_es: r.name_es.trim(), name_en: r.name_en.trim() || r.name_es.trim() })),
      rules: included.map((type) => ({
        project_type: type,
        max_budget: parseAmount(rules[type].max_budget, locale),
        shares: Object.fromEntries(parties.flatMap((r, i) => (shareOf(rules[type], i) ? [[r.key, shareOf(rules[type], i)]] : []))),
      })),
      criteria: criteria.map((c, i) => ({ key: c.key, name_es: c.name_es.trim(), name_en: c.name_en.trim() || c.name_es.trim(), weight: weights[i] })),
      min_score: min,
    };
    // the API names fields by their place in the body; send the user to the matching input
    const fieldIds: Record<string, string> = {};
    parties.forEach((_, i) => ['key', 'name_es', 'name_en'].forEach((f) => (fieldIds[`parties.${i}.${f}`] = `party-${i}-${f}`)));
    parties.forEach((_, i) => (fieldIds[`parties.${i}`] = `party-${i}-key`));
    included.forEach((type, j) => {
      fieldIds[`rules.${j}`] = `rule-${type}-max_budget`;
      fieldIds[`rules.${j}.max_budget`] = `rule-${type}-max_budget`;
      fieldIds[`rules.${j}.project_type`] = `rule-${type}-included`;
      fieldIds[`rules.${j}.shares`] = `rule-${type}-sum`;
      parties.forEach((r, i) => (fieldIds[`rules.${j}.shares.${r.key}`] = `rule-${type}-share-${i}`));
    });
    criteria.forEach((_, i) => ['key', 'name_es', 'name_en', 'weight'].forEach((f) => (fieldIds[`criteria.${i}.${f}`] = `criterion-${i}-${f}`)));
    criteria.forEach((_, i) => (fieldIds[`criteria.${i}`] = `criterion-${i}-key`));
    fieldIds.parties = 'party-0-key';
    fieldIds.rules = `rule-${PROJECT_TYPES[0]}-included`;
    fieldIds.criteria = 'criterion-0-key';
    await create.run(body, fieldIds);
  }

  return (
    <div className="narrow">
      <ProjectsNav trail={[{ label: t('rp.schemes.title'), to: '/remittances/schemes' }, { label: t('rp.schemeForm.title') }]} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('rp.schemes.title')}>{t('rp.schemeForm.title')}</PageHeading>
      <p>{t('rp.schemeForm.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <h2>{t('rp.schemeForm.about')}</h2>
        <TextInput id="name" label={t('rp.schemeForm.name')} hint={t('rp.schemeForm.name.hint')} value={name} onValue={setName} error={errors.field('name')} />
        <TextInput id="code" label={t('rp.schemeForm.code')} hint={t('rp.schemeForm.code.hint')} value={code} onValue={setCode} error={errors.field('code')} width="20" spellCheck={false} />
        <TextInput id="currency" label={t('rp.schemeForm.currency')} hint={t('rp.schemeForm.currency.hint')} value={currency} onValue={(s) => setCurrency(s.toUpperCase())} error={errors.field('currency')} width="4" maxLength={3} autoCapitalize="characters" spellCheck={false} />

        <h2>{t('rp.schemeForm.parties')}</h2>
        <p className="secondary">{t('rp.schemeForm.parties.hint')}</p>
        {parties.map((r, i) => (
          <Fieldset key={r.uid} id={`party-${i}`} legend={t('rp.schemeForm.party', { n: i + 1 })}>
            <div className="rp-row">
              <TextInput id={`party-${i}-name_es`} label={t('rp.schemeForm.nameEs')} value={r.name_es} onValue={(s) => editParty(i, { name_es: s })} error={errors.field(`party-${i}-name_es`)} />
              <TextInput id={`party-${i}-name_en`} label={t('rp.schemeForm.nameEn')} hint={t('common.optional')} value={r.name_en} onValue={(s) => editParty(i, { name_en: s })} error={errors.field(`party-${i}-name_en`)} />
              <TextInput id={`party-${i}-key`} label={t('rp.schemeForm.key')} hint={t('rp.schemeForm.key.hint')} value={r.key} onValue={(s) => editParty(i, { key: s })} error={errors.field(`party-${i}-key`)} spellCheck={false} width="20" />
            </div>
            {parties.length > 2 ? (
              <Button variant="secondary" className="btn--small" onClick={() => setParties((rows) => rows.filter((_, j) => j !== i))}>
                {t('rp.schemeForm.removeParty')}
                <span className="visually-hidden"> {i + 1}</span>
              </Button>
            ) : null}
          </Fieldset>
        ))}
        <Button variant="secondary" onClick={() => setParties((rows) => [...rows, emptyParty()])}>
          {t('rp.schemeForm.addParty')}
        </Button>

        <h2>{t('rp.schemeForm.rules')}</h2>
        <p className="secondary">{t('rp.schemeForm.rules.hint')}</p>
        {PROJECT_TYPES.map((type) => {
          const r = rules[type];
          const sum = sumOf(r);
          const exact = Math.round(sum * 100) === 10000;
          return (
            <div key={type} className="rp-rule">
              <Checkbox id={`rule-${type}-included`} label={t('rp.schemeForm.includes', { type: l.type(type) })} checked={r.included} onChecked={(c) => editRule(type, { included: c })} />
              {r.included ? (
                <div className="rp-rule__body">
                  <TextInput
                    id={`rule-${type}-max_budget`}
                    label={t('rp.schemeForm.cap', { type: l.type(type) })}
                    hint={currency ? t('rp.schemeForm.cap.hint', { currency }) : undefined}
                    inputMode="decimal"
                    value={r.max_budget}
                    onValue={(s) => editRule(type, { max_budget: s })}
                    error={errors.field(`rule-${type}-max_budget`)}
                    width="10"
                  />
                  <Fieldset id={`rule-${type}-shares`} legend={t('rp.schemeForm.shares', { type: l.type(type) })} hint={t('rp.schemeForm.shares.hint')} error={errors.field(`rule-${type}-sum`)}>
                    <div className="rp-row rp-row--shares">
                      {parties.map((party, i) => (
                        <TextInput
                          key={party.uid}
                          id={`rule-${type}-share-${i}`}
                          label={`${party.name_es.trim() || t('rp.schemeForm.party', { n: i + 1 })} (%)`}
                          inputMode="decimal"
                          value={r.shares[party.uid] ?? ''}
                          onValue={(s) => editRule(type, { shares: { ...r.shares, [party.uid]: s } })}
                          error={errors.field(`rule-${type}-share-${i}`)}
                          width="5"
                        />
                      ))}
                    </div>
                    {/* the error summary's link for a wrong sum lands here */}
                    <p id={`rule-${type}-sum`} tabIndex={-1} className={`rp-sum${exact ? ' rp-sum--ok' : ''}`} aria-live="polite">
                      {exact
                        ? t('rp.schemeForm.sum.ok')
                        : t('rp.schemeForm.sum.now', { sum: formatNumber(sum, locale, { maximumFractionDigits: 2 }), left: formatNumber(100 - sum, locale, { maximumFractionDigits: 2 }) })}
                    </p>
                  </Fieldset>
                </div>
              ) : null}
            </div>
          );
        })}

        <h2>{t('rp.schemeForm.criteria')}</h2>
        <p className="secondary">{t('rp.schemeForm.criteria.hint')}</p>
        {criteria.map((c, i) => (
          <Fieldset key={i} id={`criterion-${i}`} legend={t('rp.schemeForm.criterion', { n: i + 1 })}>
            <div className="rp-row">
              <TextInput id={`criterion-${i}-name_es`} label={t('rp.schemeForm.nameEs')} value={c.name_es} onValue={(s) => editCriterion(i, { name_es: s })} error={errors.field(`criterion-${i}-name_es`)} />
              <TextInput id={`criterion-${i}-name_en`} label={t('rp.schemeForm.nameEn')} hint={t('common.optional')} value={c.name_en} onValue={(s) => editCriterion(i, { name_en: s })} error={errors.field(`criterion-${i}-name_en`)} />
              <TextInput id={`criterion-${i}-key`} label={t('rp.schemeForm.key')} hint={t('rp.schemeForm.key.hint')} value={c.key} onValue={(s) => editCriterion(i, { key: s })} error={errors.field(`criterion-${i}-key`)} spellCheck={false} width="20" />
              <TextInput
                id={`criterion-${i}-weight`}
                label={t('rp.schemeForm.weight')}
                hint={weightSum > 0 && weights[i]! > 0 ? t('rp.schemeForm.weight.share', { share: formatNumber(weights[i]! / weightSum, locale, { style: 'percent', maximumFractionDigits: 1 }) }) : undefined}
                inputMode="decimal"
                value={c.weight}
                onValue={(s) => editCriterion(i, { weight: s })}
                error={errors.field(`criterion-${i}-weight`)}
                width="5"
              />
            </div>
            {criteria.length > 1 ? (
              <Button variant="secondary" className="btn--small" onClick={() => setCriteria((rows) => rows.filter((_, j) => j !== i))}>
                {t('rp.schemeForm.removeCriterion')}
                <span className="visually-hidden"> {i + 1}</span>
              </Button>
            ) : null}
          </Fieldset>
        ))}
        <Button variant="secondary" onClick={() => setCriteria((rows) => [...rows, emptyCriterion()])}>
          {t('rp.schemeForm.addCriterion')}
        </Button>
        <TextInput id="min_score" label={t('rp.schemeForm.minScore')} hint={t('rp.schemeForm.minScore.hint')} inputMode="decimal" value={minScore} onValue={setMinScore} error={errors.field('min_score')} width="4" />

        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('rp.schemeForm.submit')}
          </Button>
          <Link to="/remittances/schemes">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
