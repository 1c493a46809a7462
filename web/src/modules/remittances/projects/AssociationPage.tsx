import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonLink } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Textarea } from '../../../app/components/Field';
import { Notice, PageHeading, SummaryList } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { FlashNotice } from '../../../app/flash';
import { formatDate, formatDateTime } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import type { PageProps } from '../../../app/routes';
import { AssociationStatusTag, AttachmentLinks, NotLoaded, ProjectsNav, useProjectLabels } from './shared';
import type { Association } from './types';

/** One association: who they are, their contact and registration document; an officer validates or rejects it. */
export default function AssociationPage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const { can } = useAuth();
  const id = params.id ?? '';
  const assoc = useApi<Association>(`/remittances/associations/${encodeURIComponent(id)}`);
  const [done, setDone] = useState<string | null>(null);

  if (!assoc.data) return <NotLoaded error={assoc.loading ? undefined : assoc.error} />;
  const a = assoc.data;
  const c = a.contact;
  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.associations.title'), to: '/remittances/associations' }, { label: a.name }]} />
      <FlashNotice />
      {done ? (
        <Notice tone="success" live>
          <p>{done}</p>
        </Notice>
      ) : null}
      <PageHeading caption={t('rp.association.caption')}>{a.name}</PageHeading>
      <p>
        <AssociationStatusTag status={a.status} />
      </p>
      {a.status === 'pending' && !can('projects.manage') ? <Notice>{t('rp.association.pendingNote')}</Notice> : null}
      {a.status === 'rejected' && a.rejection_reason ? (
        <Notice tone="warning" title={t('rp.association.rejectedTitle')}>
          <p>{a.rejection_reason}</p>
        </Notice>
      ) : null}
      <SummaryList
        rows={[
          { key: t('rp.association.country'), value: a.residence_country_name },
          { key: t('rp.association.city'), value: a.residence_city },
          { key: t('rp.association.members'), value: l.number(a.members_count) },
          {
            key: t('rp.association.contact'),
            value: c ? (
              <>
                <p>
                  {c.given_name} {c.family_name}
                </p>
                {c.email ? <p>{c.email}</p> : null}
                {c.phone ? <p>{c.phone}</p> : null}
              </>
            ) : (
              t('rp.association.contactErased')
            ),
          },
          { key: t('rp.association.document'), value: <AttachmentLinks items={a.registration_document ? [a.registration_document] : []} /> },
          { key: t('rp.associations.registered'), value: formatDate(a.created_at, locale) },
          ...(a.validated_at
            ? [{ key: a.status === 'rejected' ? t('rp.association.rejectedBy') : t('rp.association.validatedBy'), value: `${a.validated_by_name ?? ''} · ${formatDateTime(a.validated_at, locale)}` }]
            : []),
          { key: t('rp.associations.projects'), value: l.number(a.projects_count) },
        ]}
      />
      {a.status === 'validated' && can('projects.propose') ? (
        <p>
          <ButtonLink to={`/remittances/projects/new?association=${encodeURIComponent(a.id)}`}>{t('rp.projects.propose')}</ButtonLink>
        </p>
      ) : null}
      {a.status === 'pending' && can('projects.manage') ? <ValidateForm
          association={a}
          onDone={(updated, message) => {
            assoc.setData(updated);
            setDone(message);
            window.scrollTo(0, 0);
          }}
        /> : null}
    </>
  );
}

function ValidateForm({ association, onDone }: { association: Association; onDone: (a: Association, message: string) => void }) {
  const { t } = useI18n();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const validate = useMutation((body: { decision: string; reason?: string }) => api.post<Association>(`/remittances/associations/${encodeURIComponent(association.id)}/validate`, body), {
    fieldIds: { status: 'decision' },
    generalTarget: 'decision',
    onSuccess: (updated, [body]) =>
      onDone(updated, body.decision === 'validated' ? t('rp.association.validatedNotice', { name: updated.name }) : t('rp.association.rejectedNotice', { name: updated.name })),
  });
  const { busy, errors } = validate;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!decision) problems.push(['decision', t('rp.association.decision.required')]);
    if (decision === 'rejected' && !reason.trim()) problems.push(['reason', t('rp.association.reason.required')]);
    if (errors.set(problems)) return;
    await validate.run({ decision, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }
  return (
    <section aria-labelledby="validate-heading" className="rp-action">
      <h2 id="validate-heading">{t('rp.association.validate.title')}</h2>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Radios
          id="decision"
          legend={t('rp.association.decision')}
          value={decision}
          onValue={setDecision}
          error={errors.field('decision')}
          options={[
            { value: 'validated', label: t('rp.association.decision.validate') },
            { value: 'rejected', label: t('rp.association.decision.reject') },
          ]}
        />
        <Textarea id="reason" label={t('rp.association.reason')} hint={t('rp.association.reason.hint')} value={reason} onValue={setReason} error={errors.field('reason')} rows={3} />
        <Button type="submit" busy={busy}>
          {t('rp.association.decision.submit')}
        </Button>
      </form>
    </section>
  );
}
