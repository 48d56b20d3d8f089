import { useState } from 'react';
import { Button, List, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { openFile, uploadFile } from '../../api/client';
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
export function FileLink({ id, name }: { id: string; name?: string }) {
  const { t } = useTranslation('provider');
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
