import { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsDefined, IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { ValidationFailedError } from '../errors/domain-errors';
import { createValidationPipe, describeValidationErrors, toValidationFailedError } from './validation';

class AddressDto {
  @IsString()
  @MinLength(2)
  city!: string;
}

class LineDto {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

class OrderDto {
  @IsString()
  name!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ValidateNested({ each: true })
  @ArrayMinSize(1)
  @Type(() => LineDto)
  lines!: LineDto[];
}

const BODY: ArgumentMetadata = { type: 'body', metatype: OrderDto };
const VALID = { name: 'spring', address: { city: 'Oslo' }, lines: [{ sku: 'a', quantity: 1 }] };

async function rejectionOf(value: unknown): Promise<ValidationFailedError> {
  const sut = createValidationPipe();
  const error: unknown = await sut.transform(value, BODY).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ValidationFailedError)) throw new Error(`expected a ValidationFailedError, got ${String(error)}`);
  return error;
}

describe(createValidationPipe.name, () => {
  it('should turn a valid body into instances of the DTO and its children', async () => {
    const sut = createValidationPipe();

    const result = (await sut.transform(VALID, BODY)) as OrderDto;

    expect(result).toBeInstanceOf(OrderDto);
    expect(result.address).toBeInstanceOf(AddressDto);
    expect(result.lines[0]).toBeInstanceOf(LineDto);
    expect(result).toEqual(VALID);
  });

  it('should name every bad field by its dotted path, nested objects and array items included', async () => {
    const sut = await rejectionOf({ name: 42, address: { city: 'X' }, lines: [{ sku: 'a', quantity: 1 }, { sku: 7, quantity: 0 }] });

    expect(sut.statusCode).toBe(400);
    expect(sut.fields).toEqual(['name', 'address.city', 'lines.1.sku', 'lines.1.quantity']);
    expect(sut.message).toMatch(/^invalid request: /);
    expect(sut.message).toContain('name must be a string');
    expect(sut.message).toContain('city must be longer than or equal to 2 characters');
    expect(sut.message).toContain('sku must be a string');
    expect(sut.message).toContain('quantity must not be less than 1');
  });

  it('should list a field once even when it breaks several rules', async () => {
    const sut = await rejectionOf({ ...VALID, lines: [{ sku: 'a', quantity: 'many' }] });

    expect(sut.fields).toEqual(['lines.0.quantity']);
    expect(sut.message).toContain('quantity must be an integer number');
    expect(sut.message).toContain('quantity must not be less than 1');
  });

  it('should reject unknown properties at the top level and inside children', async () => {
    const sut = await rejectionOf({ ...VALID, extra: true, address: { city: 'Oslo', zip: '0150' } });

    expect(sut.fields).toEqual(expect.arrayContaining(['extra', 'address.zip']));
    expect(sut.fields).toHaveLength(2);
    expect(sut.message).toContain('property extra should not exist');
    expect(sut.message).toContain('property zip should not exist');
  });

  it('should reject missing required children', async () => {
    const sut = await rejectionOf({ name: 'spring', lines: [] });

    expect(sut.fields).toEqual(['address', 'lines']);
    expect(sut.message).toContain('address should not be null or undefined');
    expect(sut.message).toContain('lines must contain at least 1 elements');
  });

  it('should not convert strings to numbers implicitly', async () => {
    const sut = await rejectionOf({ ...VALID, lines: [{ sku: 'a', quantity: '3' }] });

    expect(sut.fields).toEqual(['lines.0.quantity']);
  });

  it('should not echo the rejected values', async () => {
    const sut = await rejectionOf({ ...VALID, name: 'nh_secret_value_1234567890', extra: 'nh_other_secret' });

    expect(sut.message).not.toContain('nh_other_secret');
    expect(JSON.stringify(sut)).not.toContain('nh_other_secret');
  });
});

describe(describeValidationErrors.name, () => {
  it('should flatten a tree of errors into dotted fields', () => {
    const sut = describeValidationErrors([
      { property: 'a', constraints: { isString: 'a must be a string' }, children: [] },
      { property: 'b', children: [{ property: '0', children: [{ property: 'c', constraints: { min: 'c is too small', max: 'c is odd' } }] }] },
    ]);

    expect(sut).toEqual([
      { field: 'a', problem: 'a must be a string' },
      { field: 'b.0.c', problem: 'c is too small' },
      { field: 'b.0.c', problem: 'c is odd' },
    ]);
  });

  it('should describe nothing for no errors', () => {
    expect(describeValidationErrors([])).toEqual([]);
  });
});

describe(toValidationFailedError.name, () => {
  it('should join the problems into one message', () => {
    const sut = toValidationFailedError([
      { property: 'a', constraints: { isString: 'a must be a string' } },
      { property: 'b', constraints: { isInt: 'b must be an integer' } },
    ]);

    expect(sut).toBeInstanceOf(ValidationFailedError);
    expect(sut.fields).toEqual(['a', 'b']);
    expect(sut.message).toBe('invalid request: a must be a string; b must be an integer');
  });
});
