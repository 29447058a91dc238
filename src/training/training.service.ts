import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor, actorLabel } from '../common/auth/roles';
import { Clock, isCalendarDate } from '../common/clock';
import { NotFound, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { CourseEntity } from './course.entity';
import { courseProblems, hoursToHundredths, isRefused, ParticipantCandidate, planParticipants } from './domain/course.rules';
import {
  AddTrainingParticipantsDto,
  TrainingCourseDetailDto,
  TrainingCourseDto,
  TrainingCoursePageDto,
  TrainingCourseQueryDto,
  CreateTrainingCourseDto,
  TrainingParticipantDto,
  TrainingParticipantRemovedDto,
  TrainingParticipantsResultDto,
} from './dto/training.dto';
import { toCourseDto } from './training.mapper';
import { TrainingRepository } from './training.repository';

const SORT = '-date';

/** Courses and who took part (HR data): every change audited in its own transaction; a refused request writes nothing. */
@Injectable()
export class TrainingService {
  constructor(
    private readonly repo: TrainingRepository,
    private readonly directory: EmployeeDirectory,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateTrainingCourseDto): Promise<TrainingCourseDto> {
    const draft = { ...dto, title: dto.title.trim(), provider: dto.provider.trim() };
    const problems = courseProblems(draft, isCalendarDate);
    if (problems.length) throw new ValidationFailed(problems);
    const course = this.newCourse(actor, draft, null);
    await this.uow.run(async (tx) => {
      await this.repo.insertCourse(tx, course);
      await this.audit.record(tx, actor, {
        action: 'training.course_created',
        entityType: 'training_course',
        entityId: course.id,
        summary: courseSummary(course),
      });
    });
    return toCourseDto(course, 0);
  }

  /** @internal the hot-line's one-step flow builds its course here too */
  newCourse(actor: Actor, d: Omit<CreateTrainingCourseDto, 'costCents'> & { costCents: number }, systemKey: string | null): CourseEntity {
    return {
      id: randomUUID(),
      title: d.title,
      kind: d.kind,
      courseDate: d.date,
      hoursHundredths: hoursToHundredths(d.hours)!,
      provider: d.provider,
      costCents: d.costCents,
      systemKey,
      createdAt: this.clock.nowIso(),
      createdBy: actorLabel(actor),
    };
  }

  async list(query: TrainingCourseQueryDto): Promise<TrainingCoursePageDto> {
    const limit = query.limit ?? 50;
    const position = readCursor(query.cursor, SORT, 2);
    const rows = await this.repo.listCourses({
      from: query.year ? `${query.year}-01-01` : undefined,
      to: query.year ? `${query.year}-12-31` : undefined,
      kind: query.kind,
      after: position ? { courseDate: String(position[0]), id: String(position[1]) } : undefined,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const counts = await this.repo.participantCounts(page.map((c) => c.id));
    const last = page[page.length - 1];
    return {
      items: page.map((c) => toCourseDto(c, counts.get(c.id) ?? 0)),
      nextCursor: rows.length > limit && last ? encodeCursor(SORT, [last.courseDate, last.id]) : null,
    };
  }

  /** `withParticipants`: hr and admin only (the RTD reads aggregates, never names). */
  async get(id: string, withParticipants: boolean): Promise<TrainingCourseDto | TrainingCourseDetailDto> {
    const course = await this.mustFind(id);
    const participants = await this.repo.participants(id);
    const dto = toCourseDto(course, participants.length);
    if (!withParticipants) return dto;
    const views: TrainingParticipantDto[] = [];
    for (const p of participants) {
      const e = await this.directory.findById(p.employeeId);
      views.push({
        employeeId: p.employeeId,
        employeeNumber: e?.employeeNumber ?? '',
        name: e ? `${e.firstName} ${e.lastName}` : '',
        serviceCode: e?.serviceCode ?? '',
        attended: p.attended,
        addedAt: p.createdAt,
      });
    }
    return { ...dto, participants: views };
  }

  async addParticipants(actor: Actor, courseId: string, dto: AddTrainingParticipantsDto): Promise<TrainingParticipantsResultDto> {
    const attended = dto.attended ?? true;
    return this.uow.run(async (tx) => {
      await this.mustFind(courseId, tx);
      const existing = new Map((await this.repo.participants(courseId, tx)).map((p) => [p.employeeId, p.attended]));
      const plan = planParticipants(dto.employeeIds, await this.candidates(dto.employeeIds, tx), existing, attended);
      if (isRefused(plan)) {
        throw new RuleViolation('TRAINING_PARTICIPANTS_REFUSED', describeRefusal(plan.unknown, plan.inactive), {
          unknownEmployeeIds: plan.unknown,
          inactiveEmployees: plan.inactive,
        });
      }
      const now = this.clock.nowIso();
      await this.repo.insertParticipants(
        tx,
        plan.add.map((employeeId) => ({ courseId, employeeId, attended, createdAt: now, createdBy: actorLabel(actor) })),
      );
      await this.repo.setAttended(tx, courseId, plan.update, attended);
      if (plan.add.length || plan.update.length) {
        await this.audit.record(tx, actor, {
          action: 'training.participants_added',
          entityType: 'training_course',
          entityId: courseId,
          summary: { added: plan.add, attendanceChanged: plan.update, attended },
        });
      }
      return { courseId, added: plan.add, updated: plan.update, unchanged: plan.unchanged, participantCount: existing.size + plan.add.length };
    });
  }

  async removeParticipant(actor: Actor, courseId: string, employeeId: string): Promise<TrainingParticipantRemovedDto> {
    return this.uow.run(async (tx) => {
      await this.mustFind(courseId, tx);
      const found = await this.repo.findParticipant(tx, courseId, employeeId);
      if (!found) {
        throw new NotFound('TRAINING_PARTICIPANT_NOT_FOUND', `employee ${employeeId} is not a participant of course ${courseId}`, { courseId, employeeId });
      }
      await this.repo.deleteParticipant(tx, courseId, employeeId);
      await this.audit.record(tx, actor, {
        action: 'training.participant_removed',
        entityType: 'training_course',
        entityId: courseId,
        summary: { employeeId, attended: found.attended },
      });
      return { courseId, employeeId, participantCount: (await this.repo.participants(courseId, tx)).length };
    });
  }

  async mustFind(id: string, tx?: Tx): Promise<CourseEntity> {
    const course = await this.repo.findCourse(id, tx);
    if (!course) throw new NotFound('TRAINING_COURSE_NOT_FOUND', `training course ${id} does not exist`, { id });
    return course;
  }

  private async candidates(ids: string[], tx: Tx): Promise<ParticipantCandidate[]> {
    const out: ParticipantCandidate[] = [];
    for (const id of new Set(ids)) {
      const e = await this.directory.findById(id, tx);
      out.push(e ? { id, active: e.active, name: `${e.firstName} ${e.lastName} (${e.employeeNumber})` } : { id, active: null });
    }
    return out;
  }
}

export function courseSummary(c: CourseEntity): Record<string, unknown> {
  return { title: c.title, kind: c.kind, date: c.courseDate, hoursHundredths: c.hoursHundredths, provider: c.provider, costCents: c.costCents };
}

function describeRefusal(unknown: string[], inactive: { id: string; name: string }[]): string {
  const parts: string[] = [];
  if (unknown.length) parts.push(`unknown employee(s): ${unknown.join(', ')}`);
  if (inactive.length) parts.push(`inactive employee(s): ${inactive.map((i) => i.name).join(', ')}`);
  return `${parts.join('; ')}; nothing was written`;
}
