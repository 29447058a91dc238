import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { Actor, actorLabel } from '../common/auth/roles';
import { Clock, isCalendarDate, municipalToday } from '../common/clock';
import { NotFound, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { HOTLINE_MINI_TRAINING, hotlineCourseKey } from './domain/course.rules';
import { HotlineOnboardingDto, HotlineOnboardingResultDto } from './dto/training.dto';
import { toCourseDto } from './training.mapper';
import { TrainingRepository } from './training.repository';
import { courseSummary, TrainingService } from './training.service';

/**
 * The hot-line's onboarding mini-training (seed 1.2: the VPN client and the remote desktop, shown when the account is
 * handed over), recorded in one step: the day's mini-training course is found or created and the employee added as
 * having attended. Idempotent: the same employee on the same day finds the record and writes nothing.
 */
@Injectable()
export class HotlineOnboardingService {
  constructor(
    private readonly repo: TrainingRepository,
    private readonly courses: TrainingService,
    private readonly directory: EmployeeDirectory,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, dto: HotlineOnboardingDto): Promise<HotlineOnboardingResultDto> {
    const today = municipalToday(this.clock, this.config);
    const date = dto.date ?? today;
    if (!isCalendarDate(date)) throw new ValidationFailed([{ field: 'date', messages: ['date is not a calendar date'] }]);
    if (date > today) throw new ValidationFailed([{ field: 'date', messages: ['date is in the future'] }]);
    try {
      return await this.attempt(actor, dto.employeeId, date);
    } catch (err) {
      // Two hot-line operators at once on PostgreSQL: the loser of the unique index finds the winner's rows.
      if (!isUniqueViolation(err)) throw err;
      return this.attempt(actor, dto.employeeId, date);
    }
  }

  private attempt(actor: Actor, employeeId: string, date: string): Promise<HotlineOnboardingResultDto> {
    return this.uow.run(async (tx) => {
      const employee = await this.directory.findById(employeeId, tx);
      if (!employee) throw NotFound.entity('EMPLOYEE_NOT_FOUND', 'employee', employeeId);
      let course = await this.repo.findBySystemKey(hotlineCourseKey(date), tx);
      const already = course ? await this.repo.findParticipant(tx, course.id, employeeId) : null;
      if (course && already?.attended) {
        return { created: false, course: toCourseDto(course, (await this.repo.participants(course.id, tx)).length), employeeId, date };
      }
      if (!employee.active) throw new RuleViolation('TRAINING_EMPLOYEE_INACTIVE', `employee ${employeeId} is not active`, { id: employeeId });
      if (!course) {
        course = this.courses.newCourse(actor, { ...HOTLINE_MINI_TRAINING, date }, hotlineCourseKey(date));
        await this.repo.insertCourse(tx, course);
        await this.audit.record(tx, actor, {
          action: 'training.course_created',
          entityType: 'training_course',
          entityId: course.id,
          summary: courseSummary(course),
        });
      }
      if (already) await this.repo.setAttended(tx, course.id, [employeeId], true);
      else
        await this.repo.insertParticipants(tx, [
          { courseId: course.id, employeeId, attended: true, createdAt: this.clock.nowIso(), createdBy: actorLabel(actor) },
        ]);
      await this.audit.record(tx, actor, {
        action: 'training.hotline_onboarding',
        entityType: 'training_course',
        entityId: course.id,
        summary: { employeeId, date, title: course.title },
      });
      return { created: true, course: toCourseDto(course, (await this.repo.participants(course.id, tx)).length), employeeId, date };
    });
  }
}
