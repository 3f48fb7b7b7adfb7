// Typed calls over the generated OpenAPI document (schema.d.ts, from
// docs/openapi.yaml by `npm run gen:api`): the path, its parameters, the body
// and the answer all come from the contract, so a contract change that
// breaks the client breaks `npm run build`.
import { request, type RequestOptions } from './client';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PathsWith<M extends Method> = {
  [P in keyof paths]: [NonNullable<paths[P][M]>] extends [never] ? never : P;
}[keyof paths];

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
type SuccessCodes = 200 | 201 | 202 | 204;
export type ResponseOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R } ? JsonContent<R[Extract<keyof R, SuccessCodes>]> : never;

type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [undefined] ? never : NonNullable<Q>) : never;
type PathParamsOf<O> = O extends { parameters: { path?: infer Pp } } ? ([Pp] extends [undefined] ? never : NonNullable<Pp>) : never;
type BodyOf<O> = O extends { requestBody?: infer B }
  ? B extends { content: { 'application/json': infer J } }
    ? J
    : never
  : never;

export type QueryParams<P extends keyof paths, M extends Method> = QueryOf<Operation<P, M>>;
export type BodyParams<P extends keyof paths, M extends Method> = BodyOf<Operation<P, M>>;

export interface TypedOptions<P extends keyof paths, M extends Method> {
  params?: PathParamsOf<Operation<P, M>>;
  query?: QueryOf<Operation<P, M>>;
  body?: BodyOf<Operation<P, M>>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** false: no token, no refresh (login). */
  auth?: boolean;
}

/** Fills `{name}` segments from params, URL-encoded. */
export function fillPath(template: string, params?: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params?.[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(v));
  });
}

function call<M extends Method>(method: M) {
  return <P extends PathsWith<M>>(path: P, opts: TypedOptions<P, M> = {}): Promise<ResponseOf<P, M>> =>
    request<ResponseOf<P, M>>(method.toUpperCase(), fillPath(path as string, opts.params as Record<string, unknown>), {
      query: opts.query as RequestOptions['query'],
      body: opts.body,
      headers: opts.headers,
      signal: opts.signal,
      auth: opts.auth,
    });
}

export const api = {
  get: call('get'),
  post: call('post'),
  put: call('put'),
  patch: call('patch'),
  delete: call('delete'),
};
