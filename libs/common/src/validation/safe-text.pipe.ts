import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { GqlParamtype } from '@nestjs/graphql/dist/enums/gql-paramtype.enum.js';
import { BadUserInputException, FieldError } from '../errors/domain.exception';

/** Control characters PostgreSQL or people cannot use (tab, line feed and carriage return stay). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a UTF-16 surrogate pair on its own: not text at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHECKED = new Set<unknown>([GqlParamtype.ARGS, 'body', 'query', 'param']);
const MESSAGE = '使えない文字（制御文字など）が含まれています。文字を確かめてください';

export function unsafeTextFields(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    return CONTROL.test(value) || LONE_SURROGATE.test(value)
      ? [{ field: path, message: MESSAGE }]
      : [];
  }
  if (Array.isArray(value))
    return value.flatMap((v, i) => unsafeTextFields(v, path ? `${path}.${i}` : String(i)));
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) !== Date.prototype
  ) {
    return Object.entries(value).flatMap(([k, v]) =>
      unsafeTextFields(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/**
 * Refuses text a person could not have meant — NUL and other control characters, broken
 * surrogates — in every argument, before validation and long before PostgreSQL (which rejects
 * NUL in text with an error). Field paths are those of the input, like the validation pipe's.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    const problems = unsafeTextFields(
      value,
      typeof value === 'string' ? (metadata.data ?? 'value') : '',
    );
    if (problems.length) throw new BadUserInputException(problems);
    return value;
  }
}
