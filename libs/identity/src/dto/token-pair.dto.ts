import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization: Bearer header' }) accessToken!: string;
  @ApiPropertyOptional({ description: 'Single-use token for POST /auth/refresh (absent in cookie mode: it is in the httpOnly cookie)' }) refreshToken?: string;
  @ApiProperty({ description: 'Seconds the access token lives', example: 900 }) expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
}
