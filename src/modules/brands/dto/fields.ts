import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, Matches, MaxLength, ValidateBy, ValidateIf } from 'class-validator';

export const MAX_NAME = 100;

/**
 * For PATCH fields whose column cannot be null: absent is fine, null is not (IsOptional would let
 * null through to a NOT NULL column, a 500 instead of a 400).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_, value: unknown) => value !== undefined);
}

/** A name: 1 to 100 characters, not blank. */
export function IsName(): PropertyDecorator {
  return applyDecorators(IsString(), IsNotEmpty(), MaxLength(MAX_NAME), Matches(/\S/, { message: '$property must not be blank' }));
}

/** A list of non-empty strings, at most `items` of at most `length` characters each. */
export function IsTextList(items: number, length: number): PropertyDecorator {
  return applyDecorators(IsArray(), ArrayMaxSize(items), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(length, { each: true }));
}

/** A JSON object whose serialised form is at most `bytes` long: free-form, but not unbounded. */
export function IsSmallJsonObject(bytes: number): PropertyDecorator {
  return ValidateBy({
    name: 'isSmallJsonObject',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' && value !== null && !Array.isArray(value) && Buffer.byteLength(JSON.stringify(value), 'utf8') <= bytes,
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a JSON object of at most ${bytes} bytes`,
    },
  });
}

