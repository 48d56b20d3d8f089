import { BusinessRuleError, DomainError, msg } from '@innoserve/core';

export const fileTooLarge = (maxBytes: number): DomainError =>
  new DomainError(413, 'FILE_TOO_LARGE', msg(`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MiB.`, `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 上限。`), [
    { field: 'file', message: `at most ${maxBytes} bytes` },
  ]);

export const fileTypeNotAllowed = (): DomainError =>
  new DomainError(415, 'FILE_TYPE_NOT_ALLOWED', msg('Only PDF, PNG, JPEG, WebP, Word/Excel (OOXML), OFD and ZIP files are accepted (judged by content).', '仅接受 PDF、PNG、JPEG、WebP、Word/Excel、OFD 和 ZIP 文件（按文件内容识别）。'), [
    { field: 'file', message: 'type not allowed' },
  ]);

export const notMultipart = (): DomainError =>
  new DomainError(415, 'UNSUPPORTED_MEDIA_TYPE', msg('Upload the file as multipart/form-data in a field named "file".', '请以 multipart/form-data 格式上传，文件字段名为 file。'));

export const fileMissing = (): DomainError =>
  new DomainError(400, 'VALIDATION_FAILED', msg('The request carries no file in the field "file" (exactly one file).', '请求中没有名为 file 的文件（仅限一个）。'), [{ field: 'file', message: 'required, exactly one' }]);

export const fileNotAttachable = (field = 'fileId'): BusinessRuleError =>
  new BusinessRuleError('FILE_NOT_FOUND', msg('No such file of yours: upload it first (POST /api/v1/files).', '文件不存在或不是您上传的，请先上传。'), [{ field, message: 'unknown file' }]);

export const malformedMultipart = (): DomainError =>
  new DomainError(400, 'VALIDATION_FAILED', msg('The multipart body could not be read (boundary, parts or limits).', '无法解析 multipart 请求体（分隔符、分段或数量超限）。'), [
    { field: 'file', message: 'malformed multipart body' },
  ]);
