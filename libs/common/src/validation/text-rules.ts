import { applyDecorators } from '@nestjs/common';
import {
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { msg } from './messages';
import { Trim, TrimToNull } from './transforms';

/** A required text: trimmed (full-width spaces too), not empty, at most `max` characters. */
export const RequiredText = (label: string, max: number): PropertyDecorator =>
  applyDecorators(
    Trim(),
    IsString(msg.required(label)),
    IsNotEmpty(msg.required(label)),
    MaxLength(max, msg.maxLength(label)),
  );

/** An optional text: trimmed, an empty string clears it (null), at most `max` characters. */
export const OptionalText = (label: string, max: number): PropertyDecorator =>
  applyDecorators(
    TrimToNull(),
    IsOptional(),
    IsString(msg.format(label)),
    MaxLength(max, msg.maxLength(label)),
  );

/** A whole number from min to max, with one message naming the field and the range. */
export const IntInRange = (label: string, min: number, max: number): PropertyDecorator =>
  applyDecorators(
    IsInt(msg.range(label, min, max)),
    Min(min, msg.range(label, min, max)),
    Max(max, msg.range(label, min, max)),
  );

/** An optional Japanese phone number (e.g. 042-123-4567); empty clears it. */
export const OptionalPhone = (label = '電話番号'): PropertyDecorator =>
  applyDecorators(
    TrimToNull(),
    IsOptional(),
    Matches(/^0\d{1,4}-?\d{1,4}-?\d{3,4}$/, msg.format(label, '042-123-4567')),
  );

/** An optional e-mail address; empty clears it. */
export const OptionalEmail = (label = 'メールアドレス'): PropertyDecorator =>
  applyDecorators(
    TrimToNull(),
    IsOptional(),
    IsEmail({}, msg.format(label, 'info@example.jp')),
    MaxLength(254, msg.maxLength(label)),
  );
