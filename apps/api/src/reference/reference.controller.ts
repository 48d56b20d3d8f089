import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CategoryNodeView, ReferenceService, RegionView } from '@innoserve/reference';
import { Public } from '@innoserve/identity';

/**
 * Reference data for everyone. Lives in the api app rather than libs/reference: the policy
 * decorators come from identity, which sits above reference in the import order.
 */
@ApiTags('reference')
@Controller()
export class ReferenceController {
  constructor(private readonly reference: ReferenceService) {}

  @Get('regions')
  @Public()
  @ApiOperation({ summary: 'Regions: the city and its county-level divisions (GB/T 2260) and functional zones' })
  @ApiOkResponse({ type: [RegionView] })
  regions(): Promise<RegionView[]> {
    return this.reference.listRegions();
  }

  @Get('categories')
  @Public()
  @ApiOperation({ summary: 'The service-category tree: seven roots, each with its sub-categories' })
  @ApiOkResponse({ type: [CategoryNodeView] })
  categories(): Promise<CategoryNodeView[]> {
    return this.reference.listCategories();
  }
}
