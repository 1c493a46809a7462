import { describe, expect, it } from 'vitest';
import { everyValueOf, type Answer } from './types';

type CaseStatus = Answer<'/reintegration/cases/{id}'>['status'];

describe('lists checked against the OpenAPI document', () => {
  it('returns the list as written, in the page’s order', () => {
    const statuses = everyValueOf<CaseStatus>()(['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed']);
    expect(statuses).toEqual(['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed']);
  });

  it('refuses, at typecheck, a value the server does not know and a list that forgets one', () => {
    // @ts-expect-error 'archived' is not a case status of the API
    everyValueOf<CaseStatus>()(['registered', 'planning', 'plan_submitted', 'active', 'closure_requested', 'closed', 'archived']);
    // @ts-expect-error 'closed' is missing
    everyValueOf<CaseStatus>()(['registered', 'planning', 'plan_submitted', 'active', 'closure_requested']);
    expect(true).toBe(true);
  });
});
