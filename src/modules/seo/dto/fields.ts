import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { Matches, ValidateBy, ValidateIf } from 'class-validator';

/**
 * For PATCH fields whose column cannot be null: absent is fine, null is not (IsOptional would let
 * null through to a NOT NULL column, a 500 instead of a 400).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}

/** Whitespace collapsed and trimmed, so " Cold  Brew " and "Cold Brew" are one term. */
export function Tidy(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value));
}

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30) and Postgres can store (years 0001-9999). */
export function IsCalendarDay(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a day as YYYY-MM-DD' }),
    ValidateBy({
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDay(value),
        defaultMessage: (args) => `${args?.property ?? 'day'} must be a day that exists, in years 0001 to 9999`,
      },
    }),
  );
}

export function isCalendarDay(value: string): boolean {
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= '0001-01-01';
}

/** The column's form of a day: midnight UTC. */
export function dayOf(value: string): Date {
  return new Date(`${value}T00:00:00.000Z`);
}
