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
  ValidateBy,
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

/** A YYYY-MM-DD that exists on the calendar (no 2026-02-30). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** A day, YYYY-MM-DD, that exists on the calendar. */
export const CalendarDate = (label: string, example: string): PropertyDecorator =>
  ValidateBy(
    { name: 'calendarDate', validator: { validate: isCalendarDate } },
    msg.format(label, example),
  );
