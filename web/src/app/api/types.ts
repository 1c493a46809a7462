/**
 * The API's types, read from the generated `schema.d.ts` (the server's OpenAPI document, see
 * `web/scripts/api-types.mjs`). Pages name an answer by its route, as the API documentation does:
 *
 *   type Case = Answer<'/reintegration/cases/{id}'>;
 *   type NewQuote = RequestBody<'/remittances/quotes', 'post'>;
 *
 * so a field the server renames or an enum value it adds breaks the typecheck, not a user's page.
 */
import type { paths } from './schema';

/** Routes as the API client names them: without the `/api/v1` prefix. */
type Routes = { [P in keyof paths as P extends `/api/v1${infer Rest}` ? Rest : never]: paths[P] };
export type ApiPath = keyof Routes;
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<P extends ApiPath, M extends Method> = NonNullable<Routes[P][M]>;
type Json<Content> = Content extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON of a route's successful answer (200, or 201 for a creation). */
export type Answer<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? (R extends { 200: infer A } ? Json<A> : R extends { 201: infer A } ? Json<A> : never) : never;

/** The JSON body a route accepts. */
export type RequestBody<P extends ApiPath, M extends Method> = Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a route accepts. */
export type QueryOf<P extends ApiPath> = Operation<P, 'get'> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The element type of a list. */
export type Item<List> = List extends readonly (infer T)[] ? T : never;

/**
 * A list of every value of an enum of the API, in the order the page shows them. The values are checked against the
 * OpenAPI document both ways: a value the server does not know, or one the list forgets, fails the typecheck.
 *
 *   export const CASE_STATUSES = everyValueOf<CaseStatus>()(['registered', 'planning', ...]);
 */
export function everyValueOf<Union extends string>() {
  return <const List extends readonly Union[]>(list: List & ([Union] extends [List[number]] ? unknown : MissingValues<Exclude<Union, List[number]>>)): List =>
    list;
}
/** Shown in the compiler's message when a list lacks values. */
type MissingValues<Missing> = { missing: Missing };
