// Form helpers: validate with a Zod schema inline, and put the server's 422
// `errors` ({field: message}, nested fields as `manager.email`) on the
// matching inputs; what matches no input is returned for a notification.
// A dialog's form starts again from its record each time it opens.
import type { UseFormReturnType } from '@mantine/form';
import { useEffect, useEffectEvent } from 'react';
import type { z } from 'zod';
import { isApiError } from '@/lib/api';

/** A Mantine `validate` function from a Zod schema: `{ 'a.b': message }`. */
export function zodValidate<T>(schema: z.ZodType<T>) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      if (!(key in errors)) errors[key] = issue.message;
    }
    return errors;
  };
}

/** Splits server field errors into those the form has a field for and the rest. */
export function mapServerErrors(
  fieldErrors: Record<string, string>,
  fieldNames: readonly string[],
  aliases: Record<string, string> = {},
): { mapped: Record<string, string>; unmapped: Record<string, string> } {
  const mapped: Record<string, string> = {};
  const unmapped: Record<string, string> = {};
  const known = new Set(fieldNames);
  for (const [rawKey, message] of Object.entries(fieldErrors)) {
    // The server may name nested fields `a.b`, `a[0].b` or `a/b`.
    const key = aliases[rawKey] ?? rawKey.replace(/\[(\d+)\]/g, '.$1').replace(/\//g, '.');
    if (known.has(key)) mapped[key] = message;
    else unmapped[rawKey] = message;
  }
  return { mapped, unmapped };
}

function flattenKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  const keys: string[] = prefix ? [prefix] : [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    keys.push(...flattenKeys(v, prefix ? `${prefix}.${k}` : k));
  }
  return keys;
}

/** Conflict codes (409) that belong to one field, e.g. a taken slug. */
export const CONFLICT_FIELDS: Record<string, string> = {
  slug_taken: 'slug',
  email_taken: 'email',
  role_name_taken: 'name',
  code_taken: 'code',
  room_number_taken: 'room_number',
};

/**
 * Puts a 422's field errors on the form, and a 409 whose code names a field
 * (CONFLICT_FIELDS, or `aliases` keyed by code) on that field. Answers true
 * when at least one error landed on a field (the caller then need not repeat
 * it elsewhere).
 */
export function applyServerErrors<V>(
  form: UseFormReturnType<V>,
  error: unknown,
  aliases: Record<string, string> = {},
): boolean {
  if (!isApiError(error)) return false;
  const fields = flattenKeys(form.getValues());
  if (error.status === 409) {
    const target = aliases[error.code] ?? CONFLICT_FIELDS[error.code];
    if (!target || !fields.includes(target)) return false;
    form.setErrors({ [target]: error.detail || error.title });
    return true;
  }
  if (!error.hasFieldErrors) return false;
  const { mapped } = mapServerErrors(error.errors, fields, aliases);
  if (Object.keys(mapped).length === 0) return false;
  form.setErrors(mapped);
  return true;
}

/**
 * Runs `reset` each time a dialog opens, and again while it is open when
 * `key` changes (the record it edits, or that record's version). `reset`
 * reads the latest props and form, but a change to them alone does not run
 * it again, so what the user typed stays until the dialog reopens.
 */
export function useResetOnOpen(opened: boolean, reset: () => void, key?: unknown) {
  const run = useEffectEvent(reset);
  useEffect(() => {
    if (opened) run();
  }, [opened, key]);
}
