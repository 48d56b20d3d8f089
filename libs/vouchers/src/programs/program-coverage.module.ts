import { Module } from '@nestjs/common';
import { ReferenceModule } from '@innoserve/reference';
import { ProgramCoverageService } from './program-coverage.service.js';

/** Read-only program coverage (which open programs cover which categories), for libs/search and the CLI. */
@Module({
  imports: [ReferenceModule],
  providers: [ProgramCoverageService],
  exports: [ProgramCoverageService],
})
export class ProgramCoverageModule {}
