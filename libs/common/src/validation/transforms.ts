import { ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';

/** Trims surrounding white space (including the full-width space U+3000) from a string input. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '') : value,
  );

/** Trims, and turns an empty optional string into null ("clear this field"). */
export const TrimToNull = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    return trimmed === '' ? null : trimmed;
  });

/** For update inputs: the field may be left out, but an explicit null is checked (and refused). */
export const IsOptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object, value) => value !== undefined);
