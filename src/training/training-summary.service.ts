import { Injectable } from '@nestjs/common';
import { hundredthsToHours } from './domain/course.rules';
import { TRAINING_KIND_LABELS, TRAINING_KINDS } from './domain/training-kind';
import { TrainingSummaryDto } from './dto/training.dto';
import { centsToEuros } from '../common/money';
import { TrainingRepository } from './training.repository';

/** The year's training in aggregates (what the RTD may read): courses, hours, participants and cost by kind. */
@Injectable()
export class TrainingSummaryService {
  constructor(private readonly repo: TrainingRepository) {}

  async summary(year: number): Promise<TrainingSummaryDto> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const totals = new Map((await this.repo.totalsByKind(from, to)).map((t) => [t.kind, t]));
    const byKind = TRAINING_KINDS.map((kind) => {
      const t = totals.get(kind);
      const costCents = t?.costCents ?? 0;
      return {
        kind,
        label: TRAINING_KIND_LABELS[kind],
        courses: t?.courses ?? 0,
        hours: hundredthsToHours(t?.hoursHundredths ?? 0),
        participants: t?.participants ?? 0,
        participations: t?.participations ?? 0,
        costCents,
        costEur: centsToEuros(costCents),
      };
    });
    const costCents = byKind.reduce((s, k) => s + k.costCents, 0);
    return {
      year,
      courses: byKind.reduce((s, k) => s + k.courses, 0),
      hours: hundredthsToHours([...totals.values()].reduce((s, t) => s + t.hoursHundredths, 0)),
      participants: await this.repo.distinctParticipants(from, to),
      costCents,
      costEur: centsToEuros(costCents),
      byKind,
    };
  }
}
