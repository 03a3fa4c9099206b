import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputException, FieldError } from '../errors';

/** Flattens class-validator's nested errors into `field.path: message` pairs. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** The one validation pipe: transforms inputs to their classes and reports every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadUserInputException(toFieldErrors(errors)),
  });
}
