import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { CourseParticipantEntity } from './course-participant.entity';
import { CourseEntity } from './course.entity';
import { TrainingKind } from './domain/training-kind';

export interface CourseFilter {
  from?: string;
  to?: string;
  kind?: TrainingKind;
  /** keyset: newest date first, then id */
  after?: { courseDate: string; id: string };
  limit: number;
}

export interface KindTotals {
  kind: TrainingKind;
  courses: number;
  hoursHundredths: number;
  costCents: number;
  participations: number;
  participants: number;
}

const num = (v: unknown): number => Number(v ?? 0);

/** The only code that queries the training tables: courses with their participants, and the aggregates the indicators read. */
@Injectable()
export class TrainingRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async insertCourse(tx: Tx, course: CourseEntity): Promise<void> {
    await tx.manager.insert(CourseEntity, course);
  }

  async findCourse(id: string, tx?: Tx): Promise<CourseEntity | null> {
    const c = await this.m(tx).findOne(CourseEntity, { where: { id } });
    return c ? normalise(c) : null;
  }

  async findBySystemKey(key: string, tx?: Tx): Promise<CourseEntity | null> {
    const c = await this.m(tx).findOne(CourseEntity, { where: { systemKey: key } });
    return c ? normalise(c) : null;
  }

  async listCourses(filter: CourseFilter): Promise<CourseEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(CourseEntity, 'c');
    if (filter.from) qb.andWhere('c.course_date >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('c.course_date <= :to', { to: filter.to });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.after) {
      qb.andWhere('(c.course_date < :ad OR (c.course_date = :ad AND c.id > :aid))', { ad: filter.after.courseDate, aid: filter.after.id });
    }
    const rows = await qb.orderBy('c.course_date', 'DESC').addOrderBy('c.id', 'ASC').take(filter.limit).getMany();
    return rows.map(normalise);
  }

  async participantCounts(courseIds: string[]): Promise<Map<string, number>> {
    if (courseIds.length === 0) return new Map();
    const rows = await this.dataSource.manager
      .createQueryBuilder(CourseParticipantEntity, 'p')
      .select('p.course_id', 'courseId')
      .addSelect('COUNT(*)', 'n')
      .where('p.course_id IN (:...ids)', { ids: courseIds })
      .groupBy('p.course_id')
      .getRawMany<{ courseId: string; n: unknown }>();
    return new Map(rows.map((r) => [r.courseId, num(r.n)]));
  }

  async participants(courseId: string, tx?: Tx): Promise<CourseParticipantEntity[]> {
    const rows = await this.m(tx).find(CourseParticipantEntity, { where: { courseId }, order: { createdAt: 'ASC', employeeId: 'ASC' } });
    return rows.map((p) => ({ ...p, attended: p.attended === true || Number(p.attended) === 1 }));
  }

  async findParticipant(tx: Tx, courseId: string, employeeId: string): Promise<CourseParticipantEntity | null> {
    const p = await tx.manager.findOne(CourseParticipantEntity, { where: { courseId, employeeId } });
    return p ? { ...p, attended: p.attended === true || Number(p.attended) === 1 } : null;
  }

  async insertParticipants(tx: Tx, rows: CourseParticipantEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await tx.manager.insert(CourseParticipantEntity, rows.slice(i, i + 200));
  }

  async setAttended(tx: Tx, courseId: string, employeeIds: string[], attended: boolean): Promise<void> {
    if (employeeIds.length === 0) return;
    await tx.manager
      .createQueryBuilder()
      .update(CourseParticipantEntity)
      .set({ attended })
      .where('course_id = :courseId AND employee_id IN (:...ids)', { courseId, ids: employeeIds })
      .execute();
  }

  async deleteParticipant(tx: Tx, courseId: string, employeeId: string): Promise<void> {
    await tx.manager.delete(CourseParticipantEntity, { courseId, employeeId });
  }

  /** Distinct employees with an attended participation in a course of these kinds dated in [from, to]. */
  async attendingEmployees(kinds: TrainingKind[], from: string, to: string): Promise<string[]> {
    if (kinds.length === 0) return [];
    const rows = await this.dataSource.manager
      .createQueryBuilder(CourseParticipantEntity, 'p')
      .innerJoin(CourseEntity, 'c', 'c.id = p.course_id')
      .select('DISTINCT p.employee_id', 'employeeId')
      .where('p.attended = :yes', { yes: true })
      .andWhere('c.kind IN (:...kinds)', { kinds })
      .andWhere('c.course_date >= :from AND c.course_date <= :to', { from, to })
      .orderBy('p.employee_id')
      .getRawMany<{ employeeId: string }>();
    return rows.map((r) => r.employeeId);
  }

  async costCents(kinds: TrainingKind[], from: string, to: string): Promise<number> {
    if (kinds.length === 0) return 0;
    const row = await this.dataSource.manager
      .createQueryBuilder(CourseEntity, 'c')
      .select('COALESCE(SUM(c.cost_cents), 0)', 'cents')
      .where('c.kind IN (:...kinds)', { kinds })
      .andWhere('c.course_date >= :from AND c.course_date <= :to', { from, to })
      .getRawOne<{ cents: unknown }>();
    return num(row?.cents);
  }

  /** Per kind over [from, to]: courses, hours, cost, participations and distinct attending employees. Never names. */
  async totalsByKind(from: string, to: string): Promise<KindTotals[]> {
    const courses = await this.dataSource.manager
      .createQueryBuilder(CourseEntity, 'c')
      .select('c.kind', 'kind')
      .addSelect('COUNT(*)', 'courses')
      .addSelect('COALESCE(SUM(c.hours_hundredths), 0)', 'hours')
      .addSelect('COALESCE(SUM(c.cost_cents), 0)', 'cost')
      .where('c.course_date >= :from AND c.course_date <= :to', { from, to })
      .groupBy('c.kind')
      .getRawMany<{ kind: TrainingKind; courses: unknown; hours: unknown; cost: unknown }>();
    const people = await this.dataSource.manager
      .createQueryBuilder(CourseParticipantEntity, 'p')
      .innerJoin(CourseEntity, 'c', 'c.id = p.course_id')
      .select('c.kind', 'kind')
      .addSelect('COUNT(*)', 'participations')
      .addSelect('COUNT(DISTINCT p.employee_id)', 'participants')
      .where('p.attended = :yes', { yes: true })
      .andWhere('c.course_date >= :from AND c.course_date <= :to', { from, to })
      .groupBy('c.kind')
      .getRawMany<{ kind: TrainingKind; participations: unknown; participants: unknown }>();
    const byKind = new Map(people.map((p) => [p.kind, p]));
    return courses.map((c) => ({
      kind: c.kind,
      courses: num(c.courses),
      hoursHundredths: num(c.hours),
      costCents: num(c.cost),
      participations: num(byKind.get(c.kind)?.participations),
      participants: num(byKind.get(c.kind)?.participants),
    }));
  }

  /** Distinct attending employees over every kind (a person in two kinds counts once). */
  async distinctParticipants(from: string, to: string): Promise<number> {
    const row = await this.dataSource.manager
      .createQueryBuilder(CourseParticipantEntity, 'p')
      .innerJoin(CourseEntity, 'c', 'c.id = p.course_id')
      .select('COUNT(DISTINCT p.employee_id)', 'n')
      .where('p.attended = :yes', { yes: true })
      .andWhere('c.course_date >= :from AND c.course_date <= :to', { from, to })
      .getRawOne<{ n: unknown }>();
    return num(row?.n);
  }
}

function normalise(c: CourseEntity): CourseEntity {
  return { ...c, hoursHundredths: num(c.hoursHundredths), costCents: num(c.costCents) };
}
