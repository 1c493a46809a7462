import { useI18n } from './i18n';

/** Translated names for values that come from the API (role ids, permission verbs, org-unit kinds…). */
export function useLabels() {
  const { tDynamic } = useI18n();
  return {
    role: (id: string) => tDynamic(`role.${id}`, id),
    permission: (verb: string) => tDynamic(`perm.${verb}`, verb),
    kind: (kind: string) => tDynamic(`orgUnit.kind.${kind}`, kind),
    channel: (c: string) => tDynamic(`consent.channel.${c}`, c),
    sex: (s: string) => tDynamic(`person.sex.${s}`, s),
    sessionState: (s: string) => tDynamic(`session.state.${s}`, s),
  };
}
