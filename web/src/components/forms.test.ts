import { useForm } from '@mantine/form';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/api';
import { applyServerErrors, mapServerErrors, zodValidate } from './forms';

describe('zodValidate', () => {
  it('answers nothing for valid values and dotted paths for nested errors', () => {
    const validate = zodValidate(
      z.object({ name: z.string().min(1, 'Required'), manager: z.object({ email: z.string().email('Bad email') }) }),
    );
    expect(validate({ name: 'x', manager: { email: 'a@b.co' } })).toEqual({});
    expect(validate({ name: '', manager: { email: 'nope' } })).toEqual({ name: 'Required', 'manager.email': 'Bad email' });
  });
});

describe('mapServerErrors', () => {
  it('splits known fields from the rest and normalises nested names', () => {
    const { mapped, unmapped } = mapServerErrors(
      { slug: 'taken', 'manager/email': 'invalid', 'items[0].name': 'empty', config: 'not an object' },
      ['slug', 'manager.email', 'items.0.name'],
    );
    expect(mapped).toEqual({ slug: 'taken', 'manager.email': 'invalid', 'items.0.name': 'empty' });
    expect(unmapped).toEqual({ config: 'not an object' });
  });

  it('follows aliases', () => {
    expect(mapServerErrors({ tenant_id: 'x' }, ['hotel'], { tenant_id: 'hotel' }).mapped).toEqual({ hotel: 'x' });
  });
});

describe('applyServerErrors', () => {
  function setup() {
    return renderHook(() =>
      useForm({ initialValues: { name: '', slug: '', manager: { email: '' } } }),
    ).result;
  }

  it("puts a 422's field errors on the form", () => {
    const form = setup();
    const error = new ApiError(422, {
      title: 'Unprocessable Content',
      code: 'validation_failed',
      errors: { slug: 'may contain only lower-case letters', 'manager.email': 'must be a valid email address' },
    });
    let landed = false;
    act(() => {
      landed = applyServerErrors(form.current, error);
    });
    expect(landed).toBe(true);
    expect(form.current.errors).toEqual({
      slug: 'may contain only lower-case letters',
      'manager.email': 'must be a valid email address',
    });
  });

  it('answers false when no error matches a field, or for other errors', () => {
    const form = setup();
    act(() => {
      expect(applyServerErrors(form.current, new ApiError(422, { errors: { unknown: 'x' } }))).toBe(false);
      expect(applyServerErrors(form.current, new ApiError(500, { title: 'oops' }))).toBe(false);
      expect(applyServerErrors(form.current, new Error('plain'))).toBe(false);
    });
    expect(form.current.errors).toEqual({});
  });

  it('puts a 409 with a field code on that field, following aliases first', () => {
    const form = setup();
    act(() => {
      applyServerErrors(form.current, new ApiError(409, { code: 'slug_taken', detail: 'The slug is taken.' }));
    });
    expect(form.current.errors).toEqual({ slug: 'The slug is taken.' });
    act(() => {
      form.current.clearErrors();
      applyServerErrors(form.current, new ApiError(409, { code: 'email_taken', detail: 'Taken.' }), {
        email_taken: 'manager.email',
      });
    });
    expect(form.current.errors).toEqual({ 'manager.email': 'Taken.' });
    act(() => {
      form.current.clearErrors();
      expect(applyServerErrors(form.current, new ApiError(409, { code: 'stale_version' }))).toBe(false);
    });
  });
});
