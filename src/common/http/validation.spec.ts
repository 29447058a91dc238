import { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsString, Length, Max } from 'class-validator';
import { ValidationFailed } from '../errors/domain-error';
import { createValidationPipe, italianConstraint, unreadableText } from './validation';

describe('text no database keeps as sent', () => {
  it('finds a NUL or an unpaired surrogate anywhere in a body, and names the field', () => {
    expect(unreadableText({ username: 'mrossi\u0000', password: 'x' }, 'body')).toBe('body.username');
    expect(unreadableText({ items: [{ note: 'ok' }, { note: 'a\ud800b' }] }, 'body')).toBe('body.items.1.note');
    expect(unreadableText('\udc00 lone low half', 'body')).toBe('body');
    expect(unreadableText({ ['k\u0000']: 1 }, 'query')).toBe('query.k\u0000');
  });

  it('lets ordinary and non-Latin text through, pairs of surrogates included', () => {
    expect(unreadableText({ lastName: 'Dell’Acqua', note: 'Michał 🙂 東京', nested: { n: 1, b: true, z: null } }, 'body')).toBeNull();
    expect(unreadableText('serial\nSN1\n', 'body')).toBeNull();
  });
});

class ProbeDto {
  @IsString() @Length(1, 200) name!: string;
  @IsInt() @Max(5) days!: number;
  @IsIn(['laptop', 'monitor']) kind!: string;
}

describe('field problems in Italian', () => {
  it('turns each class-validator constraint into an Italian phrase, with its limits', () => {
    expect(italianConstraint('isString', 'name must be a string')).toBe('deve essere un testo');
    expect(italianConstraint('isLength', 'name must be shorter than or equal to 200 characters')).toBe('può avere al massimo 200 caratteri');
    expect(italianConstraint('isLength', 'name must be longer than or equal to 1 characters')).toBe('non può essere vuoto');
    expect(italianConstraint('max', 'days must not be greater than 5')).toBe('non può superare 5');
    expect(italianConstraint('isIn', 'kind must be one of the following values: laptop, monitor')).toBe('deve essere uno dei valori ammessi: laptop, monitor');
    expect(italianConstraint('whitelistValidation', 'property extra should not exist')).toBe('questo campo non è previsto');
    expect(italianConstraint('somethingNew', 'x is odd')).toBe('il valore non è valido');
    expect(italianConstraint('matches', 'cig must be 10 letters or digits')).toBe('deve avere 10 caratteri tra lettere e cifre');
    expect(italianConstraint('matches', 'contactBand must be HH:MM-HH:MM')).toBe('il formato non è valido: serve una fascia oraria hh:mm-hh:mm');
    expect(italianConstraint('matches', 'x must match /^a+$/ regular expression')).toBe('il formato non è valido');
  });

  it('the pipe carries both languages: English in details, Italian beside it for the filter', async () => {
    const metadata: ArgumentMetadata = { type: 'body', metatype: ProbeDto };
    const err = await createValidationPipe()
      .transform({ name: '', days: 9, kind: 'sofa', extra: 1 }, metadata)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ValidationFailed);
    const failed = err as ValidationFailed;
    expect((failed.details as { fields: unknown }).fields).toEqual(expect.arrayContaining([{ field: 'days', messages: ['days must not be greater than 5'] }]));
    expect(failed.italianFields).toEqual(
      expect.arrayContaining([
        { field: 'name', messages: ['non può essere vuoto'] },
        { field: 'days', messages: ['non può superare 5'] },
        { field: 'kind', messages: ['deve essere uno dei valori ammessi: laptop, monitor'] },
        { field: 'extra', messages: ['questo campo non è previsto'] },
      ]),
    );
  });
});
