import { QueryFailedError } from 'typeorm';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('never carries query parameters or the driver message (they hold what people typed)', () => {
    const driverError = Object.assign(new Error('value too long for "042-999-9999 山田花子"'), {
      code: '22001',
      table: 'organization',
      column: 'phone',
    });
    const error = new QueryFailedError(
      'INSERT INTO organization (phone, contact_person) VALUES ($1, $2)',
      ['042-999-9999', '山田花子'],
      driverError,
    );
    const described = describeError(error);
    expect(described).toMatchObject({
      type: 'QueryFailedError',
      sqlState: '22001',
      table: 'organization',
      column: 'phone',
    });
    expect(described.query).toBe(
      'INSERT INTO organization (phone, contact_person) VALUES ($1, $2)',
    );
    expect(JSON.stringify(described)).not.toMatch(/山田花子|042-999-9999/);
  });

  it('keeps the message and stack of a programming error', () => {
    const described = describeError(new TypeError('cannot read properties of undefined'));
    expect(described).toMatchObject({
      type: 'TypeError',
      message: 'cannot read properties of undefined',
    });
  });
});
