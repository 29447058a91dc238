import { CourseParticipantEntity } from './course-participant.entity';
import { CourseEntity } from './course.entity';

export const trainingEntities = [CourseEntity, CourseParticipantEntity];
