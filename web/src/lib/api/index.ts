export { api, fillPath, type Schemas, type ResponseOf, type QueryParams, type BodyParams } from './typed';
export { request, requestRaw, refreshSession, setSessionHandlers, buildUrl, type RequestOptions } from './client';
export { ApiError, isApiError, errorMessage, errorStatus, type FieldErrors, type ProblemDetails } from './errors';
export { session, type ImpersonationState } from './session';
