import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type OrgUnitRef } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Select, TextInput, Textarea } from '../../../app/components/Field';
import { Loading, Notice, PageHeading, SummaryList, Table } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { setFlash } from '../../../app/flash';
import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { NotFoundPage } from '../../../app/pages/NotFoundPage';
import { Link, navigate, useLocation } from '../../../app/router';
import type { PageProps } from '../../../app/routes';
import { OrgUnitPicker } from '../../../app/components/OrgUnitPicker';
import { parseAmount, splitBudget } from './calc';
import { AttachmentLinks, AttachmentsInput, partyName, ProjectsNav, useProjectLabels } from './shared';
import type { AssociationSummary, Attachment, Project, Scheme } from './types';

/**
 * The proposal, one task per page: who and under which scheme, where, what, how much (the scheme's cap and each
 * party's share shown live), attachments, then a check of the answers before sending. The same pages correct a
 * project the officer returned (PATCH, without the association).
 */

type Step = 'scheme' | 'place' | 'about' | 'budget' | 'files' | 'check';
const STEPS: Step[] = ['scheme', 'place', 'about', 'budget', 'files', 'check'];

interface Values {
  association_id: string;
  scheme_id: string;
  project_type: string;
  locality: OrgUnitRef[];
  latitude: string;
  longitude: string;
  title: string;
  description: string;
  expected_beneficiaries: string;
  budget: string;
  attachments: Attachment[];
}

/** Where each field the API may name is asked, so a refusal takes the user back to that page. */
const FIELD_STEP: Record<string, Step> = {
  association_id: 'scheme',
  scheme_id: 'scheme',
  project_type: 'scheme',
  org_unit_code: 'place',
  latitude: 'place',
  longitude: 'place',
  title: 'about',
  description: 'about',
  expected_beneficiaries: 'about',
  budget: 'budget',
  attachment_ids: 'files',
};

function fromProject(p: Project, locale: string): Values {
  const num = (n: number | null) => (n === null ? '' : formatNumber(n, locale, { maximumFractionDigits: 6, useGrouping: false }));
  return {
    association_id: p.association_id,
    scheme_id: p.scheme.id,
    project_type: p.project_type,
    locality: [{ code: p.org_unit_code, name: p.org_unit_name, kind: '' }],
    latitude: num(p.latitude),
    longitude: num(p.longitude),
    title: p.title,
    description: p.description,
    expected_beneficiaries: String(p.expected_beneficiaries),
    budget: formatNumber(p.budget, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
    attachments: p.attachments,
  };
}

export default function ProjectFormPage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const { me } = useAuth();
  const { search } = useLocation();
  const editId = params.id;
  const editing = editId !== undefined;
  const existing = useApi<Project>(editing ? `/remittances/projects/${encodeURIComponent(editId)}` : null);
  const associations = useApi<{ items: AssociationSummary[] }>(editing ? null : '/remittances/associations');
  const schemes = useApi<{ items: Scheme[] }>('/remittances/schemes');
  const [step, setStep] = useState<Step>('scheme');
  const sending = useMutation(
    (body: object) =>
      editing ? api.patch<Project>(`/remittances/projects/${encodeURIComponent(editId)}`, body) : api.post<Project>('/remittances/projects', { association_id: v.association_id, ...body }),
    {
      fieldIds: { status: 'send' },
      generalTarget: 'send',
      onSuccess: (project) => {
        setFlash(editing ? t('rp.form.saved', { reference: project.reference }) : t('rp.form.submitted', { reference: project.reference }));
        navigate(`/remittances/projects/${encodeURIComponent(project.id)}`);
      },
      onError: (err) => {
        // a problem with a field of another step: that step is shown, and the field exists once its page is drawn
        const field = err instanceof ApiError ? err.fields[0]?.path.split(/[.[]/)[0] : undefined;
        const target = field ? FIELD_STEP[field] : undefined;
        if (!target || target === step) return false;
        setStep(target);
        window.setTimeout(() => sending.errors.fromApi(err), 0);
        return true;
      },
    },
  );
  const { busy, errors } = sending;
  const [v, setV] = useState<Values>({
    association_id: search.get('association') ?? '',
    scheme_id: '',
    project_type: '',
    locality: [],
    latitude: '',
    longitude: '',
    title: '',
    description: '',
    expected_beneficiaries: '',
    budget: '',
    attachments: [],
  });
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((old) => ({ ...old, [k]: value }));

  const validated = (associations.data?.items ?? []).filter((a) => a.status === 'validated');
  const activeSchemes = (schemes.data?.items ?? []).filter((s) => s.active || s.id === existing.data?.scheme.id);

  useEffect(() => {
    if (existing.data) setV(fromProject(existing.data, locale));
    // the values are taken once, when the project arrives
  }, [existing.data]);
  useEffect(() => {
    if (!editing && validated.length === 1 && !v.association_id) set('association_id')(validated[0]!.id);
    if (activeSchemes.length === 1 && !v.scheme_id) set('scheme_id')(activeSchemes[0]!.id);
  }, [associations.data, schemes.data]);
  // a new page of the form is announced like a new page: its heading takes focus (not on the first one)
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    document.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [step]);

  if (editing && existing.loading) return <Loading />;
  if (editing && existing.error?.status === 404) return <NotFoundPage />;
  if ((editing && !existing.data) || schemes.error || associations.error)
    return (
      <Notice tone="error" title={t('rp.loadFailed')}>
        {(existing.error ?? schemes.error ?? associations.error)?.message}
      </Notice>
    );
  if (editing && existing.data && !existing.data.allowed_actions.includes('edit'))
    return (
      <>
        <PageHeading>{t('rp.form.editTitle', { reference: existing.data.reference })}</PageHeading>
        <Notice tone="warning">
          <p>{t('rp.form.notEditable', { status: l.status(existing.data.status) })}</p>
        </Notice>
        <p>
          <Link to={`/remittances/projects/${encodeURIComponent(existing.data.id)}`}>{t('rp.form.backToProject')}</Link>
        </p>
      </>
    );

  const scheme = activeSchemes.find((s) => s.id === v.scheme_id);
  const rule = scheme?.rules.find((r) => r.project_type === v.project_type);
  const budget = parseAmount(v.budget, locale);
  const lat = v.latitude.trim() ? parseAmount(v.latitude, locale) : null;
  const lon = v.longitude.trim() ? parseAmount(v.longitude, locale) : null;
  const index = STEPS.indexOf(step);

  /** The checks of one page; true when the page may be left. */
  function checkStep(s: Step): boolean {
    const p: [string, string][] = [];
    if (s === 'scheme') {
      if (!editing && !v.association_id) p.push(['association_id', t('rp.form.association.required')]);
      if (!v.scheme_id) p.push(['scheme_id', t('rp.form.scheme.required')]);
      if (!v.project_type || !rule) p.push(['project_type', t('rp.form.type.required')]);
    } else if (s === 'place') {
      if (v.locality.length === 0) p.push(['org_unit_code', t('rp.form.locality.required')]);
      if (v.latitude.trim() || v.longitude.trim()) {
        if (lat === null || lat < -90 || lat > 90) p.push(['latitude', t('rp.form.latitude.invalid')]);
        if (lon === null || lon < -180 || lon > 180) p.push(['longitude', t('rp.form.longitude.invalid')]);
      }
    } else if (s === 'about') {
      if (!v.title.trim()) p.push(['title', t('rp.form.title.required')]);
      if (!v.description.trim()) p.push(['description', t('rp.form.description.required')]);
      if (!/^\d+$/.test(v.expected_beneficiaries.trim()) || Number(v.expected_beneficiaries) < 1) p.push(['expected_beneficiaries', t('rp.form.beneficiaries.invalid')]);
    } else if (s === 'budget') {
      if (budget === null || budget <= 0 || Math.round(budget * 100) !== budget * 100) p.push(['budget', t('rp.form.budget.invalid')]);
      else if (rule && budget > rule.max_budget) p.push(['budget', t('rp.form.budget.aboveCap', { cap: l.money(rule.max_budget, scheme?.currency ?? '') })]);
    }
    return !errors.set(p);
  }

  function next(e: FormEvent) {
    e.preventDefault();
    if (!checkStep(step)) return;
    setStep(STEPS[index + 1] ?? 'check');
  }

  function back() {
    errors.clear();
    setStep(STEPS[index - 1] ?? 'scheme');
  }

  async function send(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const firstBad = STEPS.slice(0, -1).find((s) => !checkStep(s));
    if (firstBad) {
      setStep(firstBad);
      return;
    }
    const body = {
      scheme_id: v.scheme_id,
      org_unit_code: v.locality[0]!.code,
      project_type: v.project_type,
      title: v.title.trim(),
      description: v.description.trim(),
      budget: budget!,
      expected_beneficiaries: Number(v.expected_beneficiaries),
      // coordinates go in pairs; a correction that clears them sends null
      ...(lat !== null && lon !== null ? { latitude: lat, longitude: lon } : editing ? { latitude: null, longitude: null } : {}),
      attachment_ids: v.attachments.map((a) => a.id),
    };
    await sending.run(body);
  }

  const schemeOptions = activeSchemes.map((s) => ({ value: s.id, label: `${s.name} (${s.currency})` }));
  const typeOptions = (scheme?.rules ?? []).map((r) => ({
    value: r.project_type,
    label: t('rp.form.typeWithCap', { type: l.type(r.project_type), cap: l.money(r.max_budget, scheme!.currency) }),
  }));
  const titleOf: Record<Step, string> = {
    scheme: t('rp.form.step.scheme'),
    place: t('rp.form.step.place'),
    about: t('rp.form.step.about'),
    budget: t('rp.form.step.budget'),
    files: t('rp.form.step.files'),
    check: t('rp.form.step.check'),
  };
  const heading = editing ? t('rp.form.editTitle', { reference: existing.data?.reference ?? '' }) : t('rp.form.newTitle');
  const leaveTo = editing ? `/remittances/projects/${encodeURIComponent(editId)}` : '/remittances/projects';
  const association = validated.find((a) => a.id === v.association_id);

  return (
    <div className="narrow">
      <ProjectsNav trail={[{ label: t('rp.projects.title'), to: '/remittances/projects' }, { label: heading }]} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={`${heading} · ${t('rp.form.stepOf', { n: index + 1, total: STEPS.length })}`} title={`${titleOf[step]} – ${heading}`}>
        {titleOf[step]}
      </PageHeading>

      {step === 'check' ? (
        <form onSubmit={(e) => void send(e)} noValidate>
          <SummaryList
            rows={[
              ...(!editing ? [{ key: t('rp.project.association'), value: association?.name ?? '', action: <ChangeLink to="scheme" onGo={setStep} what={t('rp.project.association')} /> }] : []),
              { key: t('rp.project.scheme'), value: scheme ? `${scheme.name} (${scheme.currency})` : '', action: <ChangeLink to="scheme" onGo={setStep} what={t('rp.project.scheme')} /> },
              { key: t('rp.project.type'), value: l.type(v.project_type), action: <ChangeLink to="scheme" onGo={setStep} what={t('rp.project.type')} /> },
              { key: t('rp.project.locality'), value: v.locality[0]?.name ?? '', action: <ChangeLink to="place" onGo={setStep} what={t('rp.project.locality')} /> },
              {
                key: t('rp.project.coordinates'),
                value: lat !== null && lon !== null ? `${formatNumber(lat, locale, { maximumFractionDigits: 6 })}, ${formatNumber(lon, locale, { maximumFractionDigits: 6 })}` : t('common.none'),
                action: <ChangeLink to="place" onGo={setStep} what={t('rp.project.coordinates')} />,
              },
              { key: t('rp.project.title'), value: v.title, action: <ChangeLink to="about" onGo={setStep} what={t('rp.project.title')} /> },
              { key: t('rp.project.description'), value: <p className="rp-prewrap">{v.description}</p>, action: <ChangeLink to="about" onGo={setStep} what={t('rp.project.description')} /> },
              { key: t('rp.project.beneficiaries'), value: l.number(Number(v.expected_beneficiaries)), action: <ChangeLink to="about" onGo={setStep} what={t('rp.project.beneficiaries')} /> },
              { key: t('rp.project.budget'), value: budget !== null && scheme ? l.money(budget, scheme.currency) : '', action: <ChangeLink to="budget" onGo={setStep} what={t('rp.project.budget')} /> },
              { key: t('rp.project.attachments'), value: <AttachmentLinks items={v.attachments} />, action: <ChangeLink to="files" onGo={setStep} what={t('rp.project.attachments')} /> },
            ]}
          />
          {rule && scheme && budget !== null ? <SharesTable scheme={scheme} shares={rule.shares} budget={budget} /> : null}
          <p>{editing ? t('rp.form.checkEditNote') : t('rp.form.checkNote')}</p>
          <ButtonGroup>
            <Button type="submit" busy={busy} id="send">
              {editing ? t('rp.form.save') : t('rp.form.send')}
            </Button>
            <Button variant="secondary" onClick={back}>
              {t('rp.form.previous')}
            </Button>
          </ButtonGroup>
        </form>
      ) : (
        <form onSubmit={next} noValidate>
          {step === 'scheme' ? (
            <>
              {!editing ? (
                validated.length === 0 && associations.data ? (
                  <Notice>
                    <p>
                      {t('rp.projects.needValidated')} <Link to="/remittances/associations">{t('rp.projects.toAssociations')}</Link>
                    </p>
                  </Notice>
                ) : (
                  <Select
                    id="association_id"
                    label={t('rp.form.association')}
                    value={v.association_id}
                    onValue={set('association_id')}
                    error={errors.field('association_id')}
                    options={[{ value: '', label: t('rp.form.choose') }, ...validated.map((a) => ({ value: a.id, label: a.name }))]}
                  />
                )
              ) : null}
              <Select
                id="scheme_id"
                label={t('rp.form.scheme')}
                hint={<Link to="/remittances/schemes">{t('rp.form.scheme.hint')}</Link>}
                value={v.scheme_id}
                onValue={(s) => setV((o) => ({ ...o, scheme_id: s, project_type: '' }))}
                error={errors.field('scheme_id')}
                options={[{ value: '', label: t('rp.form.choose') }, ...schemeOptions]}
              />
              {scheme ? (
                <Radios id="project_type" legend={t('rp.form.type')} value={v.project_type} onValue={set('project_type')} error={errors.field('project_type')} options={typeOptions} />
              ) : (
                <p className="secondary" id="project_type">
                  {t('rp.form.type.afterScheme')}
                </p>
              )}
            </>
          ) : null}

          {step === 'place' ? (
            <>
              <OrgUnitPicker
                id="org_unit_code"
                single
                legend={t('rp.form.locality')}
                hint={t('rp.form.locality.hint')}
                error={errors.field('org_unit_code')}
                value={v.locality}
                onChange={set('locality')}
                suggestions={me?.user.captureScope ?? []}
              />
              <p className="secondary">{t('rp.form.coordinates.hint')}</p>
              <div className="rp-pair">
                <TextInput id="latitude" label={t('rp.form.latitude')} hint={t('rp.form.latitude.hint')} inputMode="decimal" value={v.latitude} onValue={set('latitude')} error={errors.field('latitude')} width="10" />
                <TextInput id="longitude" label={t('rp.form.longitude')} hint={t('rp.form.longitude.hint')} inputMode="decimal" value={v.longitude} onValue={set('longitude')} error={errors.field('longitude')} width="10" />
              </div>
            </>
          ) : null}

          {step === 'about' ? (
            <>
              <TextInput id="title" label={t('rp.form.title')} hint={t('rp.form.title.hint')} value={v.title} onValue={set('title')} error={errors.field('title')} />
              <Textarea id="description" label={t('rp.form.description')} hint={t('rp.form.description.hint')} value={v.description} onValue={set('description')} error={errors.field('description')} rows={7} />
              <TextInput
                id="expected_beneficiaries"
                label={t('rp.form.beneficiaries')}
                hint={t('rp.form.beneficiaries.hint')}
                inputMode="numeric"
                value={v.expected_beneficiaries}
                onValue={set('expected_beneficiaries')}
                error={errors.field('expected_beneficiaries')}
                width="10"
              />
            </>
          ) : null}

          {step === 'budget' && scheme && rule ? (
            <>
              <TextInput
                id="budget"
                label={t('rp.form.budget', { currency: scheme.currency })}
                hint={t('rp.form.budget.hint', { cap: l.money(rule.max_budget, scheme.currency), type: l.type(rule.project_type), example: formatNumber(12345.5, locale, { minimumFractionDigits: 2 }) })}
                inputMode="decimal"
                value={v.budget}
                onValue={set('budget')}
                error={errors.field('budget')}
                width="10"
              />
              <div aria-live="polite">
                {budget !== null && budget > 0 ? (
                  <>
                    {budget > rule.max_budget ? (
                      <p className="rp-over">{t('rp.form.budget.overBy', { amount: l.money(budget - rule.max_budget, scheme.currency) })}</p>
                    ) : null}
                    <SharesTable scheme={scheme} shares={rule.shares} budget={budget} />
                  </>
                ) : (
                  <SharesTable scheme={scheme} shares={rule.shares} budget={null} />
                )}
              </div>
            </>
          ) : null}

          {step === 'files' ? (
            <AttachmentsInput id="attachment_ids" label={t('rp.form.attachments')} hint={t('rp.form.attachments.hint')} value={v.attachments} onChange={set('attachments')} error={errors.field('attachment_ids')} />
          ) : null}

          <ButtonGroup>
            <Button type="submit">{t('rp.form.continue')}</Button>
            {index > 0 ? (
              <Button variant="secondary" onClick={back}>
                {t('rp.form.previous')}
              </Button>
            ) : null}
            <Link to={leaveTo}>{t('common.cancel')}</Link>
          </ButtonGroup>
        </form>
      )}
    </div>
  );
}

function ChangeLink({ to, onGo, what }: { to: Step; onGo: (s: Step) => void; what: string }) {
  const { t } = useI18n();
  return (
    <button type="button" className="link-button" onClick={() => onGo(to)}>
      {t('common.change')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}

/** What each party would put in for this budget (or the shares alone, before a budget is typed). */
export function SharesTable({ scheme, shares, budget }: { scheme: Scheme; shares: Record<string, number>; budget: number | null }) {
  const { t, lang } = useI18n();
  const l = useProjectLabels();
  const order = scheme.parties.filter((p) => p.key in shares).map((p) => ({ party: p.key, pct: shares[p.key] ?? 0 }));
  const parts = splitBudget(budget ?? 0, order);
  return (
    <Table caption={t('rp.form.sharesCaption')} head={[t('rp.scheme.party'), t('rp.scheme.share'), t('rp.form.partAmount')]} numeric={[1, 2]}>
      {parts.map((p) => (
        <tr key={p.party}>
          <td>{partyName(scheme.parties, p.party, lang)}</td>
          <td className="num">{l.pct(p.pct)}</td>
          <td className="num">{budget === null ? '–' : l.money(p.amount, scheme.currency)}</td>
        </tr>
      ))}
    </Table>
  );
}
