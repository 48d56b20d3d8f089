import { ApiProperty } from '@nestjs/swagger';

/** A service category with its sub-categories (GET /categories). */
export class CategoryNodeView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'testing.textile', description: 'Stable slug; the id is derived from it' })
  code!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  parentId!: string | null;

  @ApiProperty({ example: '纺织服装检测' })
  nameZh!: string;

  @ApiProperty({ example: 'Textile and apparel testing' })
  nameEn!: string;

  @ApiProperty()
  sortOrder!: number;

  @ApiProperty({ example: 'testing/testing.textile', description: 'Codes from the root down, joined by /' })
  path!: string;

  @ApiProperty({ type: () => [CategoryNodeView] })
  children!: CategoryNodeView[];
}
