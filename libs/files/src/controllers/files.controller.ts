import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AcceptsMediaTypes } from '@innoserve/core';
import { SkipIdempotency } from '@innoserve/database';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { FileUploadDto, FileViewDto } from '../dto/file-view.dto.js';
import { fileMissing, fileTooLarge, malformedMultipart, notMultipart } from '../services/file-errors.js';
import { FilesService, type FileView } from '../services/files.service.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller('files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @Authenticated()
  @SkipIdempotency() // an upload is its own record; a repeat makes a second file, which nothing references
  @AcceptsMediaTypes('multipart/form-data')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileUploadDto })
  @ApiOperation({
    summary: 'Upload one file (multipart/form-data, field "file")',
    description:
      'PDF, PNG, JPEG, WebP, DOCX, XLSX, OFD or ZIP, judged by the content (magic bytes), not the name: 415 FILE_TYPE_NOT_ALLOWED otherwise; 413 FILE_TOO_LARGE above ' +
      'FILES_MAX_BYTES (default 20 MiB); 400 without exactly one file in the field "file"; 415 when the body is not multipart. Only the uploader, and those a ' +
      'referencing object lets in (an order\'s parties and the staff covering it), can read it.',
  })
  @ApiCreatedResponse({ type: FileViewDto })
  async upload(@CurrentUser() me: Principal, @Req() req: FastifyRequest): Promise<FileView> {
    if (!req.isMultipart()) throw notMultipart();
    let file: { name: string | undefined; bytes: Buffer } | null = null;
    let extra = false;
    try {
      for await (const part of req.parts({ limits: { fileSize: this.files.maxBytes, files: 2, fields: 10, parts: 12, fieldSize: 4096 } })) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer(); // throws past fileSize: nothing is stored
        if (part.fieldname !== 'file' || file) extra = true;
        else file = { name: part.filename, bytes };
      }
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(this.files.maxBytes);
      // anything else while reading the parts is the body's fault: too many parts, no boundary, a truncated form
      throw malformedMultipart();
    }
    if (!file || extra) throw fileMissing();
    return this.files.upload(me, file);
  }

  @Get(':id')
  @Authenticated()
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Download a file (its uploader; the parties and reviewers of what it is attached to); others 404' })
  async download(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const f = await this.files.read(me, id);
    void reply
      .header('content-type', f.mime)
      .header('content-disposition', contentDisposition(f.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return f.bytes;
  }
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
