import { PartialType } from '@nestjs/swagger';
import { CreateProgramDto } from './create-program.dto.js';

/** PATCH /admin/programs/:id: only while draft (409 PROGRAM_FROZEN once open; the name may still change). */
export class UpdateProgramDto extends PartialType(CreateProgramDto) {}
