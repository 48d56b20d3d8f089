/**
 * OrderMessages — the order's message thread (GET/POST /api/v1/orders/:id/messages) with file
 * attachments (uploaded through `uploadFile`, downloaded through `openFile`). Role-neutral.
 *
 * Props:
 *  - `orderId`: the order.
 *  - `ownSide`: 'enterprise' | 'provider' — the reader's side; its messages are labelled "我方"/"Us".
 *  - `canPost?`: default true; false shows the thread read-only (e.g. staff, or a closed order).
 *  - `pageSize?`: messages per page (default 50; the thread is oldest first, the last page is shown).
 *
 * Query key: ['orders', orderId, 'messages'] (invalidated after posting).
 */
import { useState } from 'react';
import { Button, Card, Form, Input, List, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, uploadFile } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { QueryState } from '../QueryState';
import { FileButton } from './FileButton';
import { formatDateTime } from './OrderTimeline';

export type OrderSide = 'enterprise' | 'provider';

interface Values {
  body: string;
}

export function OrderMessages({ orderId, ownSide, canPost = true, pageSize = 50 }: { orderId: string; ownSide: OrderSide; canPost?: boolean; pageSize?: number }) {
  const { t, i18n } = useTranslation('orders');
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const key = ['orders', orderId, 'messages'];
  const messages = useQuery({
    queryKey: key,
    queryFn: async () => {
      const first = await call(api.GET('/api/v1/orders/{id}/messages', { params: { path: { id: orderId }, query: { page: 1, pageSize } } }));
      const last = Math.max(1, Math.ceil(first.total / pageSize));
      return last === 1 ? first : call(api.GET('/api/v1/orders/{id}/messages', { params: { path: { id: orderId }, query: { page: last, pageSize } } }));
    },
  });
  const post = useMutation({
    mutationFn: (v: Values) =>
      call(
        api.POST('/api/v1/orders/{id}/messages', {
          params: { path: { id: orderId } },
          body: { body: v.body.trim(), fileIds: files.flatMap((f) => (f.status === 'done' && typeof f.response === 'string' ? [f.response] : [])) },
        }),
      ),
    onSuccess: async () => {
      form.resetFields();
      setFiles([]);
      await qc.invalidateQueries({ queryKey: key });
    },
  });

  const upload = async (file: File) => {
    setUploading(true);
    setUploadError(null);
    const uid = `${Date.now()}-${file.name}`;
    setFiles((fs) => [...fs, { uid, name: file.name, status: 'uploading' }]);
    try {
      const saved = await uploadFile(file);
      setFiles((fs) => fs.map((f) => (f.uid === uid ? { ...f, status: 'done', response: saved.id } : f)));
    } catch (e) {
      setUploadError(e);
      setFiles((fs) => fs.filter((f) => f.uid !== uid));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={t('messages.title')} size="small">
      <QueryState query={messages} isEmpty={(d) => d.items.length === 0} empty={t('messages.empty')} rows={3}>
        {(d) => (
          <List
            className="order-messages"
            dataSource={d.items}
            renderItem={(m) => (
              <List.Item key={m.id} style={{ display: 'block' }}>
                <Space size={6} wrap>
                  <Tag color={m.side === ownSide ? 'blue' : 'default'}>{m.side === ownSide ? t('messages.us') : t(`side.${m.side}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(m.createdAt, i18n.language)}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '4px 0 0' }}>{m.body}</Typography.Paragraph>
                {m.fileIds.length > 0 ? (
                  <Space size={6} wrap style={{ marginTop: 4 }}>
                    {m.fileIds.map((id, i) => (
                      <FileButton key={id} fileId={id} name={t('messages.attachmentName', { n: i + 1, id: id.slice(0, 8) })} label={t('messages.attachment', { n: i + 1 })} />
                    ))}
                  </Space>
                ) : null}
              </List.Item>
            )}
          />
        )}
      </QueryState>
      {canPost ? (
        <Form form={form} layout="vertical" onFinish={(v) => post.mutate(v)} style={{ marginTop: 12 }} requiredMark={false}>
          <ProblemAlert error={post.error ?? uploadError} />
          <Form.Item
            name="body"
            label={t('messages.new')}
            rules={[
              { required: true, whitespace: true, message: t('messages.required') },
              { max: 4000, message: t('common:form.tooLong', { max: 4000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
          </Form.Item>
          <Space wrap>
            <Upload
              fileList={files}
              multiple
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
              onRemove={(f) => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>{t('messages.attach')}</Button>
            </Upload>
            <Button type="primary" htmlType="submit" loading={post.isPending} disabled={uploading}>{t('messages.send')}</Button>
          </Space>
        </Form>
      ) : null}
    </Card>
  );
}
