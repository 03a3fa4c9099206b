import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
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
