import { Injectable } from '@nestjs/common';
import { TrainingKind } from './domain/training-kind';
import { TrainingRepository } from './training.repository';

/**
 * The port the KPI reads the training indicators through (seed Part 4, salute professionale and economico-finanziaria):
 * who attended which kinds of course in a period, and what those courses cost. Ids only, never names; dates are
 * calendar dates, both ends included.
 */
@Injectable()
export class TrainingIndicators {
  constructor(private readonly repo: TrainingRepository) {}

  /** Distinct employee ids with an attended participation in a course of these kinds dated in [from, to]. */
  participants(kinds: TrainingKind[], from: string, to: string): Promise<string[]> {
    return this.repo.attendingEmployees(kinds, from, to);
  }

  /** The cost of the courses of these kinds dated in [from, to], in euro cents. */
  costCents(kinds: TrainingKind[], from: string, to: string): Promise<number> {
    return this.repo.costCents(kinds, from, to);
  }
}
