import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error';

/** Path ids are UUIDs; anything else is a 400 naming the parameter, before any lookup. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationFailed([{ field, messages: [`${field} must be a UUID`] }], `${field} is not a valid id`, 'INVALID_ID'),
  });
}
