import { PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { BadUserInputException } from '../errors/domain.exception';

class UuidPipe implements PipeTransform<unknown, string | undefined> {
  constructor(
    private readonly name: string,
    private readonly optional = false,
  ) {}

  transform(value: unknown): string | undefined {
    if (this.optional && (value === undefined || value === null)) return undefined;
    if (typeof value !== 'string' || !isUUID(value)) {
      throw BadUserInputException.field(this.name, 'IDの形式が正しくありません');
    }
    return value.toLowerCase();
  }
}

/** A required `ID!` argument that must be a UUID: `@UuidArg('id') id: string`. */
export const UuidArg = (name: string): ParameterDecorator =>
  Args(name, { type: () => ID }, new UuidPipe(name));

/** An optional `ID` argument that must be a UUID when given. */
export const OptionalUuidArg = (name: string, description?: string): ParameterDecorator =>
  Args(name, { type: () => ID, nullable: true, description }, new UuidPipe(name, true));
