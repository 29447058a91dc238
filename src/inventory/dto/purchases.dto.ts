import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { NEXT_CURSOR_DOC, PageQueryDto } from '../../common/http/page.dto';
import { POLA_INVESTMENT_CATEGORIES, PURCHASE_CATEGORIES } from '../domain/purchase-category';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreatePurchaseDto {
  @ApiProperty({ example: '2022-05-10', description: 'invoice or order date: the year the purchase counts in' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  date: string;
  @ApiProperty({ example: 'Italware S.r.l.' }) @IsString() @Length(1, 200) supplier: string;
  @ApiProperty({ example: 'Firewall perimetrale con VPN SSL (2 unità in alta affidabilità)' }) @IsString() @Length(1, 2000) description: string;
  @ApiProperty({ enum: PURCHASE_CATEGORIES }) @IsIn(PURCHASE_CATEGORIES) category: string;
  @ApiProperty({ description: 'amount in euro cents, VAT included (as for lots: unitPriceCents)', example: 690000 })
  @IsInt()
  @Min(1)
  @Max(2_000_000_000)
  amountCents: number;
  @ApiPropertyOptional({ example: 'FT 2022/118', description: 'invoice or order number' }) @IsOptional() @IsString() @Length(1, 100) reference?: string;
}

export class PurchaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2022 }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
  @ApiPropertyOptional({ enum: PURCHASE_CATEGORIES }) @IsOptional() @IsIn(PURCHASE_CATEGORIES) category?: string;
}

export class PurchaseSummaryQueryDto {
  @ApiProperty({ example: 2022 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class PurchaseDto {
  @ApiProperty() id: string;
  @ApiProperty() date: string;
  @ApiProperty() supplier: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: PURCHASE_CATEGORIES }) category: string;
  @ApiProperty({ description: 'Italian label of the category' }) categoryLabel: string;
  @ApiProperty({ enum: POLA_INVESTMENT_CATEGORIES }) polaCategory: string;
  @ApiProperty() amountCents: number;
  @ApiProperty({ description: 'amountCents in euros, two decimals' }) amountEur: number;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
}

export class PurchasePageDto {
  @ApiProperty({ type: [PurchaseDto] }) items: PurchaseDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class InvestmentLineDto {
  @ApiProperty({ enum: ['device_lots', ...PURCHASE_CATEGORIES] }) category: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: POLA_INVESTMENT_CATEGORIES }) polaCategory: string;
  @ApiProperty({ description: 'purchases (or lots delivered) in the year' }) count: number;
  @ApiProperty() amountCents: number;
  @ApiProperty() amountEur: number;
}

export class PolaInvestmentDto {
  @ApiProperty({ enum: POLA_INVESTMENT_CATEGORIES }) polaCategory: string;
  @ApiProperty() label: string;
  @ApiProperty() amountCents: number;
  @ApiProperty() amountEur: number;
}

export class PurchaseSummaryDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [InvestmentLineDto], description: 'device lots delivered in the year, then purchases by category; empty ones left out' })
  byCategory: InvestmentLineDto[];
  @ApiProperty({ type: [PolaInvestmentDto], description: 'the two POLA investment indicators, always both' }) byPolaCategory: PolaInvestmentDto[];
}
