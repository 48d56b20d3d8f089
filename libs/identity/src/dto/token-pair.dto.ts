import { ApiProperty } from '@nestjs/swagger';

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization: Bearer header' }) accessToken!: string;
  @ApiProperty({ description: 'Single-use token for POST /auth/refresh' }) refreshToken!: string;
  @ApiProperty({ description: 'Seconds the access token lives', example: 900 }) expiresIn!: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
}
