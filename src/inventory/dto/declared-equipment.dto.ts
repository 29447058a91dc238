import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class DeclareEquipmentDto {
  @ApiProperty({ enum: ['laptop', 'broadband'] }) @IsIn(['laptop', 'broadband']) kind: 'laptop' | 'broadband';
  @ApiPropertyOptional({ example: 'Portatile personale HP, fibra di casa 100 Mb/s' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
  @ApiPropertyOptional({ description: 'personal laptop: register it as an asset (ownership personal) so it can carry a station certificate; needs modelId' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  serial?: string;
  @ApiPropertyOptional({ description: 'model of the personal laptop (with serial)' }) @IsOptional() @IsUUID() modelId?: string;
}

export class DeclaredEquipmentQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  includeWithdrawn?: boolean;
}

export class DeclaredEquipmentDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ enum: ['laptop', 'broadband'] }) kind: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the personal laptop registered as an asset' }) assetId: string | null;
  @ApiProperty({ nullable: true, type: String }) assetTag: string | null;
  @ApiProperty() declaredAt: string;
  @ApiProperty() declaredBy: string;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
}
