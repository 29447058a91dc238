import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { NEXT_CURSOR_DOC, PageQueryDto } from '../../common/http/page.dto';
import { TRAINING_KINDS, TrainingKind } from '../domain/training-kind';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTrainingCourseDto {
  @ApiProperty({ example: 'Lavorare in smart working: strumenti e sicurezza' }) @IsString() @Length(1, 300) title: string;
  @ApiProperty({ enum: TRAINING_KINDS, description: 'digital skills, remote-work skills, management of remote work' })
  @IsIn(TRAINING_KINDS)
  kind: TrainingKind;
  @ApiProperty({ example: '2022-03-15' }) @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date: string;
  @ApiProperty({ example: 4.5, description: 'greater than 0, at most two decimals' }) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(1000) hours: number;
  @ApiProperty({ example: 'Formez PA' }) @IsString() @Length(1, 200) provider: string;
  @ApiProperty({ description: 'cost in euro cents, VAT included (as for lots and purchases)', example: 120000 })
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  costCents: number;
}

export class TrainingCourseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2022 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: TRAINING_KINDS }) @IsOptional() @IsIn(TRAINING_KINDS) kind?: TrainingKind;
}

export class AddTrainingParticipantsDto {
  @ApiProperty({ type: [String], description: 'employee ids; all or nothing: an unknown or inactive one refuses the request' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  employeeIds: string[];
  @ApiPropertyOptional({ default: true, description: 'false: enrolled but did not attend (not counted by the indicators)' })
  @IsOptional()
  @IsBoolean()
  attended?: boolean;
}

export class HotlineOnboardingDto {
  @ApiProperty() @IsUUID() employeeId: string;
  @ApiPropertyOptional({ example: '2022-05-03', description: 'the day of the mini-training; default today' })
  @IsOptional()
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date?: string;
}

export class TrainingSummaryQueryDto {
  @ApiProperty({ example: 2022 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class TrainingCourseDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: TRAINING_KINDS }) kind: TrainingKind;
  @ApiProperty({ description: 'Italian label of the kind' }) kindLabel: string;
  @ApiProperty() date: string;
  @ApiProperty() hours: number;
  @ApiProperty() provider: string;
  @ApiProperty() costCents: number;
  @ApiProperty({ description: 'costCents in euros, two decimals' }) costEur: number;
  @ApiProperty() participantCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
}

export class TrainingParticipantDto {
  @ApiProperty() employeeId: string;
  @ApiProperty() employeeNumber: string;
  @ApiProperty() name: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty() attended: boolean;
  @ApiProperty() addedAt: string;
}

export class TrainingCourseDetailDto extends TrainingCourseDto {
  @ApiProperty({ type: [TrainingParticipantDto], description: 'who took part: for hr and admin only (the RTD reads TrainingCourseDto)' })
  participants: TrainingParticipantDto[];
}

export class TrainingCoursePageDto {
  @ApiProperty({ type: [TrainingCourseDto] }) items: TrainingCourseDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class TrainingParticipantsResultDto {
  @ApiProperty() courseId: string;
  @ApiProperty({ type: [String] }) added: string[];
  @ApiProperty({ type: [String] }) updated: string[];
  @ApiProperty({ type: [String] }) unchanged: string[];
  @ApiProperty() participantCount: number;
}

export class TrainingParticipantRemovedDto {
  @ApiProperty() courseId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() participantCount: number;
}

export class HotlineOnboardingResultDto {
  @ApiProperty({ description: 'false: the employee already had the mini-training that day (nothing written)' }) created: boolean;
  @ApiProperty({ type: TrainingCourseDto }) course: TrainingCourseDto;
  @ApiProperty() employeeId: string;
  @ApiProperty() date: string;
}

export class TrainingKindSummaryDto {
  @ApiProperty({ enum: TRAINING_KINDS }) kind: TrainingKind;
  @ApiProperty() label: string;
  @ApiProperty() courses: number;
  @ApiProperty() hours: number;
  @ApiProperty({ description: 'distinct employees who attended' }) participants: number;
  @ApiProperty({ description: 'attended participations (one employee in two courses counts twice)' }) participations: number;
  @ApiProperty() costCents: number;
  @ApiProperty() costEur: number;
}

export class TrainingSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty() courses: number;
  @ApiProperty() hours: number;
  @ApiProperty({ description: 'distinct employees who attended any course' }) participants: number;
  @ApiProperty() costCents: number;
  @ApiProperty() costEur: number;
  @ApiProperty({ type: [TrainingKindSummaryDto] }) byKind: TrainingKindSummaryDto[];
}
