import { Injectable } from '@nestjs/common';
import { Tx } from '../database/unit-of-work';
import { ApiTokenRepository } from './api-token.repository';

const TOKEN_ACTOR = /^token:([0-9a-f-]{36})$/;

/**
 * Who created the token an actor acts with, for rules that need two different people (the agreements'
 * two-person rule): whoever creates a token is shown its secret once, so they could act with it. Asked by actor
 * id: an API token acts as `token:<id>` and a browser session opened from it under the same id, so the answer
 * is the same for both; a directory login (`employee:<id>`) was created by that login itself — null.
 */
@Injectable()
export class TokenProvenance {
  constructor(private readonly tokens: ApiTokenRepository) {}

  async issuerOf(actorId: string, tx?: Tx): Promise<string | null> {
    const match = TOKEN_ACTOR.exec(actorId);
    if (!match) return null;
    const token = await this.tokens.findById(match[1], tx);
    if (!token?.createdBy || token.createdBy === actorId || token.createdBy === 'system') return null;
    return token.createdBy;
  }
}
