import { useState } from 'react';
import { Button, List, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, openFile, uploadFile } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';

export interface UploadedFile {
  id: string;
  name: string;
}

/** A form control: uploads each chosen file at once (POST /files) and holds their ids and names. */
export function FileField({
  value = [],
  onChange,
  multiple = false,
  buttonLabel,
  id,
}: {
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  multiple?: boolean;
  buttonLabel: string;
  id?: string;
}) {
  const { t } = useTranslation('provider');
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<unknown>(null);
  let current = value;
  return (
    <div>
      <Upload
        multiple={multiple}
        showUploadList={false}
        accept=".pdf,.png,.jpg,.jpeg,.ofd,.xml,.zip,.doc,.docx,.xls,.xlsx"
        customRequest={({ file }) => {
          setError(null);
          setBusy((n) => n + 1);
          void uploadFile(file as File)
            .then((f) => {
              current = multiple ? [...current, { id: f.id, name: f.name }] : [{ id: f.id, name: f.name }];
              onChange?.(current);
            })
            .catch(setError)
            .finally(() => setBusy((n) => n - 1));
        }}
      >
        <Button id={id} icon={<UploadOutlined />} loading={busy > 0}>
          {busy > 0 ? t('files.uploading') : buttonLabel}
        </Button>
      </Upload>
      {error ? <div style={{ marginTop: 8 }}><ProblemAlert error={error} /></div> : null}
      {value.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          dataSource={value}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Button key="rm" type="text" size="small" icon={<DeleteOutlined />} aria-label={t('files.remove', { name: f.name })} onClick={() => onChange?.(value.filter((x) => x.id !== f.id))} />,
              ]}
            >
              <span style={{ wordBreak: 'break-all' }}><PaperClipOutlined /> {f.name}</span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** A link that downloads an authenticated file (GET /files/:id). */
export function FileLink({ id, name, ns = 'provider' }: { id: string; name?: string; ns?: 'provider' | 'enterprise' }) {
  const { t } = useTranslation(ns);
  const [error, setError] = useState<unknown>(null);
  const label = name ?? t('files.download');
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} icon={<PaperClipOutlined />} onClick={() => void openFile(`/api/v1/files/${id}`, name ?? `${id}.pdf`).catch(setError)}>
        {label}
      </Button>
      {error ? <ProblemAlert error={error} /> : null}
    </>
  );
}

/** What a document (licence, certificate) may be: the files API's PDF, JPEG and PNG, at most FILES_MAX_BYTES (20 MiB). */
export const DOCUMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const DOCUMENT_MAX_MB = 20;
const DOCUMENT_TYPES = /\.(pdf|jpe?g|png)$/i;

/**
 * One document as a form control (the enterprise's licence, a qualification's certificate): its
 * value is the file id sent to the API. The current file (the record's, or the one just uploaded)
 * opens through GET /files/:id; choosing another uploads it at once (POST /files) and replaces it.
 * Type and size are checked before uploading; the API's 413/415 are explained the same way.
 * `ns` is the namespace holding the `files.*` words (enterprise or provider).
 */
export function DocumentField({
  value,
  onChange,
  id,
  ns,
  label,
  buttonLabel,
  'aria-invalid': invalid,
}: {
  value?: string | null;
  onChange?: (fileId: string) => void;
  id?: string;
  ns: 'enterprise' | 'provider';
  /** What the document is, for the download's name and the screen reader ("营业执照"). */
  label: string;
  buttonLabel: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}) {
  const { t } = useTranslation(ns);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  /** Names of the files uploaded here (the API's views carry ids only). */
  const [names, setNames] = useState<Record<string, string>>({});
  const name = value ? names[value] : undefined;
  const explain = (e: unknown): string => {
    if (e instanceof ApiError && e.code === 'FILE_TOO_LARGE') return t('files.tooLarge', { max: DOCUMENT_MAX_MB });
    if (e instanceof ApiError && e.code === 'FILE_TYPE_NOT_ALLOWED') return t('files.wrongType');
    if (e instanceof ApiError) return e.problem.detail || e.problem.title || t('files.failed');
    return t('files.failed');
  };
  return (
    <div>
      {value ? (
        <div style={{ marginBottom: 8 }}>
          <Space wrap size={4}>
            <Button
              type="link"
              size="small"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              icon={<PaperClipOutlined />}
              aria-label={t('files.openCurrent', { label, name: name ?? t('files.current') })}
              onClick={() => {
                setOpenError(null);
                void openFile(`/api/v1/files/${value}`, name ?? label).catch(setOpenError);
              }}
            >
              {name ?? t('files.current')}
            </Button>
            {name ? <Typography.Text type="secondary">{t('files.uploaded')}</Typography.Text> : null}
          </Space>
          {openError ? <ProblemAlert error={openError} /> : null}
        </div>
      ) : null}
      <Upload
        showUploadList={false}
        accept={DOCUMENT_ACCEPT}
        beforeUpload={(file) => {
          if (!DOCUMENT_TYPES.test(file.name) && !['application/pdf', 'image/jpeg', 'image/png'].includes(file.type)) {
            setError(t('files.wrongType'));
            return Upload.LIST_IGNORE;
          }
          if (file.size > DOCUMENT_MAX_MB * 1024 * 1024) {
            setError(t('files.tooLarge', { max: DOCUMENT_MAX_MB }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file }) => {
          setError(null);
          setBusy(true);
          void uploadFile(file as File)
            .then((f) => {
              setNames((n) => ({ ...n, [f.id]: f.name }));
              onChange?.(f.id);
            })
            .catch((e: unknown) => setError(explain(e)))
            .finally(() => setBusy(false));
        }}
      >
        <Button id={id} icon={<UploadOutlined />} loading={busy} aria-invalid={invalid}>
          {busy ? t('files.uploading') : value ? t('files.replace') : buttonLabel}
        </Button>
      </Upload>
      {error ? (
        <div role="alert" style={{ marginTop: 4 }}>
          <Typography.Text type="danger">{error}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
}
