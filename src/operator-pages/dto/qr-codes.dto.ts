import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Length, Matches } from 'class-validator';

/** Printable ASCII only: what a label shows under the code and what a scanner can type back. */
const PRINTABLE = /^[\x21-\x7e][\x20-\x7e]*$/;

export class QrCodesRequestDto {
  @ApiProperty({
    type: [String],
    description: 'values to encode, e.g. the asset tags of a lot (at most 200 per request: a lot is 50-100 pieces, and rendering is CPU work)',
    example: ['INV-0001234', 'INV-0001235'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  @Matches(PRINTABLE, { each: true, message: 'each value must be printable ASCII (letters, digits, punctuation)' })
  values: string[];
}

export class QrCodeDto {
  @ApiProperty() value: string;
  @ApiProperty({ description: 'the QR code as an SVG document (no text, only the modules)' }) svg: string;
}

export class QrCodesDto {
  @ApiProperty({ type: [QrCodeDto] }) codes: QrCodeDto[];
}
