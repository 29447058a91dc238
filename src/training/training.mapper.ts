import { centsToEuros } from '../common/money';
import { CourseEntity } from './course.entity';
import { hundredthsToHours } from './domain/course.rules';
import { TRAINING_KIND_LABELS } from './domain/training-kind';
import { TrainingCourseDto } from './dto/training.dto';

export function toCourseDto(c: CourseEntity, participantCount: number): TrainingCourseDto {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    kindLabel: TRAINING_KIND_LABELS[c.kind],
    date: c.courseDate,
    hours: hundredthsToHours(c.hoursHundredths),
    provider: c.provider,
    costCents: c.costCents,
    costEur: centsToEuros(c.costCents),
    participantCount,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
  };
}
