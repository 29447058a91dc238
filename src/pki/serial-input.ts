import { ValidationFailed } from '../common/errors/domain-error';
import { normaliseSerial } from './x509/serial';

/** A serial as a person types it (any case, colons allowed) → canonical form, or INVALID_SERIAL (400). */
export function parseSerial(input: string): string {
  const serial = typeof input === 'string' ? normaliseSerial(input) : null;
  if (!serial)
    throw new ValidationFailed([{ field: 'serial', messages: ['a certificate serial number in hex'] }], 'The serial number is not valid', 'INVALID_SERIAL');
  return serial;
}
