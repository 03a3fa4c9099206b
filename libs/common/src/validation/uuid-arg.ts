import { PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { BadUserInputException } from '../errors/domain.exception';

class UuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) {
      throw BadUserInputException.field(this.name, 'IDの形式が正しくありません');
    }
    return value.toLowerCase();
  }
}

/** A required `ID!` argument that must be a UUID: `@UuidArg('id') id: string`. */
export const UuidArg = (name: string): ParameterDecorator =>
  Args(name, { type: () => ID }, new UuidPipe(name));
